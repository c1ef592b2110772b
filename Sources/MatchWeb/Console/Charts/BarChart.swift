/// A horizontal bar chart as inline SVG, drawn from numbers alone (no JavaScript, no I/O):
/// one row per category, one bar per series in it, each bar's length `value / maximum` of
/// the plot's width, a grid with its ticks, and the scale said in words under it. Horizontal,
/// so that a province's long list of county names stays readable at 390 px. Every word in it
/// (title, description, labels, the scale's note) comes from the caller, who takes it from the
/// catalogue.
struct BarChart: Sendable {
    struct Row: Sendable {
        let label: String
        /// One value per series.
        let values: [Double]
    }

    /// Used for the ids of the `<title>` and `<desc>` (`aria-labelledby`).
    let id: String
    let title: String
    let description: String
    /// The scale in words, e.g. "Each bar's length is its value; the full width is 100 %".
    let scaleNote: String
    let series: [String]
    let rows: [Row]
    /// The value a bar of the plot's full width stands for.
    let maximum: Double
    /// Written after each value and tick: "%" or nothing.
    var unit = ""

    // Narrow enough that a phone shows the whole chart with words of about 10 px (390 px
    // screens), with room on the left for "Placed by another office" and for "100%" on the right.
    static let width = 480.0
    static let plotLeft = 170.0
    static let plotWidth = 250.0
    static let barHeight = 14.0
    static let gap = 10.0
    static let top = 40.0

    /// How long the bar of `value` is, in the SVG's units.
    static func length(_ value: Double, maximum: Double) -> Double {
        maximum > 0 ? max(0, min(value, maximum)) / maximum * plotWidth : 0
    }

    var rowHeight: Double { Double(max(series.count, 1)) * Self.barHeight + Self.gap }
    var plotHeight: Double { Double(rows.count) * rowHeight }
    var height: Double { Self.top + plotHeight + (series.count > 1 ? 60 : 44) }

    func svg() -> String {
        let e = ChartScale.escaped
        let c = ChartScale.coordinate
        var svg = """
            <svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(c(Self.width)) \(c(height))" \
            role="img" aria-labelledby="\(id)-title \(id)-desc" font-family="sans-serif" font-size="12">
            <title id="\(id)-title">\(e(title))</title><desc id="\(id)-desc">\(e(description)) \(e(scaleNote))</desc>
            """
        svg += "<rect x=\"0\" y=\"0\" width=\"\(c(Self.width))\" height=\"\(c(height))\" fill=\"#ffffff\"/>"
        for tick in ChartScale.ticks(maximum) {
            let x = Self.plotLeft + Self.length(tick, maximum: maximum)
            svg += "<line x1=\"\(c(x))\" y1=\"\(c(Self.top - 6))\" x2=\"\(c(x))\" y2=\"\(c(Self.top + plotHeight))\" stroke=\"#767676\" stroke-width=\"0.5\"/>"
            svg += "<text x=\"\(c(x))\" y=\"\(c(Self.top - 10))\" text-anchor=\"middle\" fill=\"#222222\">\(ChartScale.text(tick))\(e(unit))</text>"
        }
        for (index, row) in rows.enumerated() {
            let rowTop = Self.top + Double(index) * rowHeight + Self.gap / 2
            let middle = rowTop + Double(max(series.count, 1)) * Self.barHeight / 2 + 4
            svg += "<text x=\"\(c(Self.plotLeft - 8))\" y=\"\(c(middle))\" text-anchor=\"end\" fill=\"#222222\">\(e(row.label))</text>"
            for (s, value) in row.values.enumerated() {
                let y = rowTop + Double(s) * Self.barHeight
                let length = Self.length(value, maximum: maximum)
                let name = s < series.count ? series[s] : ""
                svg += """
                    <rect class="chart-bar" x="\(c(Self.plotLeft))" y="\(c(y))" width="\(c(length))" height="\(c(Self.barHeight - 2))" \
                    fill="\(ChartScale.colour(s))" data-row="\(index)" data-series="\(s)"><title>\(e(row.label)) · \(e(name)): \
                    \(ChartScale.text(value))\(e(unit))</title></rect>
                    """
                svg += "<text x=\"\(c(Self.plotLeft + length + 4))\" y=\"\(c(y + Self.barHeight - 4))\" fill=\"#222222\" font-size=\"10\">"
                    + "\(ChartScale.text(value))\(e(unit))</text>"
            }
        }
        var y = Self.top + plotHeight + 22
        svg += "<text x=\"8\" y=\"\(c(y))\" fill=\"#222222\">\(e(scaleNote))</text>"
        if series.count > 1 {
            y += 20
            var x = 8.0
            for (s, name) in series.enumerated() {
                svg += "<rect x=\"\(c(x))\" y=\"\(c(y - 10))\" width=\"12\" height=\"12\" fill=\"\(ChartScale.colour(s))\"/>"
                svg += "<text x=\"\(c(x + 16))\" y=\"\(c(y))\" fill=\"#222222\">\(e(name))</text>"
                x += 20 + Double(name.count) * 12
            }
        }
        return svg + "</svg>"
    }
}
