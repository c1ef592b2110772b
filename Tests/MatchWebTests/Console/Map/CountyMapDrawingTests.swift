@testable import MatchWeb
import Testing

/// The map's drawing on its own: the class a county's numbers put it in, the view box around
/// its outlines, and text that cannot break out of the SVG.
@Suite("County map drawing")
struct CountyMapDrawingTests {
    @Test("a county's class follows its whole-percent fill, boundaries included", arguments: [
        (0, 0, FillRateClass.noPosts), (5, 0, .under20), (5, 1, .under40), (100, 19, .under20), (100, 20, .under40),
        (3, 1, .under40), (3, 2, .under80), (5, 3, .under80), (10, 8, .upTo100), (4, 4, .upTo100),
    ])
    func classes(seats: Int, filled: Int, expected: FillRateClass) {
        #expect(FillRateClass(seats: seats, filled: filled) == expected)
    }

    @Test("the view box holds every point of relative outlines, with a margin")
    func bounds() throws {
        let box = try #require(OutlineBounds(["M10 20l5 0l0 5l-5-5z", "M30 0l2 40z"]))
        #expect((box.minX, box.minY, box.maxX, box.maxY) == (10, 0, 32, 40))
        #expect(box.viewBox == "9 -1 24 42")
        #expect(OutlineBounds([]) == nil)
    }

    @Test("each county is drawn in its class's colour, hatched and outlined as designated; names are escaped")
    func drawing() throws {
        let drawing = CountyMapDrawing(title: "Fill <night>", description: "d", counties: [
            .init(code: "511902", path: "M0 0l10 0l0 10z", fill: .under20, hardship: true, keyAssistance: false, label: "A & B"),
            .init(code: "511903", path: "M10 0l10 0l0 10z", fill: .upTo100, hardship: false, keyAssistance: true, label: "C"),
        ])
        let svg = try #require(drawing.svg())
        #expect(svg.contains(#"<title id="map-title">Fill &lt;night&gt;</title>"#))
        #expect(svg.contains(##"<g id="county-511902"><title>A &amp; B</title><path d="M0 0l10 0l0 10z" fill="#eff3ff" data-class="1""##))
        #expect(svg.contains(##"<g id="county-511903"><title>C</title><path d="M10 0l10 0l0 10z" fill="#08519c" data-class="5""##))
        #expect(svg.matches(of: /class="hardship"/).count == 1 && svg.matches(of: /class="key-assistance"/).count == 1)
        #expect(CountyMapDrawing(title: "t", description: "d", counties: []).svg() == nil)
    }
}
