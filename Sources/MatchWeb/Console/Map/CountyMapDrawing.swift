/// A county map as inline SVG: each county filled by its fill-rate class, hardship counties
/// hatched and key assistance counties outlined, each with a `<title>` (the browser's tooltip
/// and a screen reader's name). The hatch has a dark and a light stripe, so it shows on the
/// palest and the darkest fill alike. The numbers themselves are in the table beside the map; the
/// drawing only has to agree with it, which the tests check county by county.
struct CountyMapDrawing: Sendable {
    struct County: Sendable {
        let code: String
        let path: String
        let fill: FillRateClass
        let hardship: Bool
        let keyAssistance: Bool
        /// `巴州区: 3 of 4 seats placed (75 %)`, in the reader's language.
        let label: String
    }

    let title: String
    let description: String
    let counties: [County]

    /// The SVG element, or nil when no county of the area has an outline.
    func svg() -> String? {
        guard let bounds = OutlineBounds(counties.map(\.path)) else { return nil }
        // The hatch's period in view-box units: about 1/90 of the map, 6 to 8 px on screen
        // whether the area is a county (a few hundred units) or a province (10,000).
        let hatch = max(4, bounds.span / 90)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="\(bounds.viewBox)" role="img" \
            aria-labelledby="map-title map-desc" preserveAspectRatio="xMidYMid meet">\
            <title id="map-title">\(Self.escaped(title))</title><desc id="map-desc">\(Self.escaped(description))</desc>\
            <defs><pattern id="hardship-hatch" patternUnits="userSpaceOnUse" width="\(hatch)" height="\(hatch)" \
            patternTransform="rotate(45)"><rect width="\(hatch / 4)" height="\(hatch)" fill="#000000" fill-opacity="0.6"/>\
            <rect x="\(hatch / 4)" width="\(hatch / 4)" height="\(hatch)" fill="#ffffff" fill-opacity="0.7"/></pattern></defs>
            """
        for county in counties {
            // Strokes do not scale with the view box, so a province and a county read alike.
            out += """
                <g id="county-\(county.code)"><title>\(Self.escaped(county.label))</title>\
                <path d="\(county.path)" fill="\(county.fill.colour)" data-class="\(county.fill.rawValue)" \
                stroke="#4d4d4d" stroke-width="1" vector-effect="non-scaling-stroke"/>
                """
            if county.hardship {
                out += ##"<path d="\##(county.path)" fill="url(#hardship-hatch)" class="hardship" stroke="none"/>"##
            }
            out += "</g>"
        }
        // Key assistance outlines last, so no neighbour's border covers them.
        for county in counties where county.keyAssistance {
            out += ##"<path d="\##(county.path)" fill="none" class="key-assistance" stroke="#d95f02" stroke-width="3" vector-effect="non-scaling-stroke"/>"##
        }
        return out + "</svg>"
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
