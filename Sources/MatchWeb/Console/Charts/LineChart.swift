/// A line chart as inline SVG, drawn from numbers alone: one point per night on the x axis,
/// one line per series, each point at height `value / maximum` of the plot, a grid with its
/// ticks, a legend, and the scale said in words. Lines differ by dash and marker as well as
/// colour, so the chart reads in black and white. Every word comes from the caller (the
/// catalogue).
struct LineChart: Sendable {
    struct Series: Sendable {
        let name: String
        /// One value per x label.
        let values: [Double]
    }

    let id: String
    let title: String
    let description: String
    let scaleNote: String
    /// The x axis, left to right (oldest night first).
    let labels: [String]
    let series: [Series]
    /// The value at the top of the plot.
    let maximum: Double

    // As narrow as the bar charts, so that a phone shows the whole chart (390 px screens).
    static let width = 480.0
    static let plotLeft = 50.0
    static let plotRight = 460.0
    static let plotTop = 20.0
    static let plotHeight = 220.0
    static let dashes = ["", "6 3", "2 3", "8 3 2 3", "1 2"]

    /// Where the point of `value` is, measured down from the SVG's top.
    static func y(_ value: Double, maximum: Double) -> Double {
        let share = maximum > 0 ? max(0, min(value, maximum)) / maximum : 0
        return plotTop + plotHeight * (1 - share)
    }

    /// Where the `index`th of `count` x labels is.
    static func x(_ index: Int, of count: Int) -> Double {
        count <= 1 ? (plotLeft + plotRight) / 2 : plotLeft + (plotRight - plotLeft) * Double(index) / Double(count - 1)
    }

    var height: Double { Self.plotTop + Self.plotHeight + 50 + Double((series.count + 2) / 3) * 20 }

    func svg() -> String {
        let e = ChartScale.escaped
        let c = ChartScale.coordinate
        let bottom = Self.plotTop + Self.plotHeight
        var svg = """
            <svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(c(Self.width)) \(c(height))" \
            role="img" aria-labelledby="\(id)-title \(id)-desc" font-family="sans-serif" font-size="12">
            <title id="\(id)-title">\(e(title))</title><desc id="\(id)-desc">\(e(description)) \(e(scaleNote))</desc>
            """
        svg += "<rect x=\"0\" y=\"0\" width=\"\(c(Self.width))\" height=\"\(c(height))\" fill=\"#ffffff\"/>"
        for tick in ChartScale.ticks(maximum) {
            let y = Self.y(tick, maximum: maximum)
            svg += "<line x1=\"\(c(Self.plotLeft))\" y1=\"\(c(y))\" x2=\"\(c(Self.plotRight))\" y2=\"\(c(y))\" stroke=\"#767676\" stroke-width=\"0.5\"/>"
            svg += "<text x=\"\(c(Self.plotLeft - 6))\" y=\"\(c(y + 4))\" text-anchor=\"end\" fill=\"#222222\">\(ChartScale.text(tick))</text>"
        }
        // At most about eight date labels, so that they never overlap.
        let every = max(1, (labels.count + 7) / 8)
        for (index, label) in labels.enumerated() where index % every == 0 || index == labels.count - 1 {
            svg += "<text x=\"\(c(Self.x(index, of: labels.count)))\" y=\"\(c(bottom + 16))\" text-anchor=\"middle\" fill=\"#222222\" "
                + "font-size=\"10\">\(e(label))</text>"
        }
        for (s, line) in series.enumerated() {
            let colour = ChartScale.colour(s)
            let points = line.values.enumerated().map { "\(c(Self.x($0.offset, of: line.values.count))),\(c(Self.y($0.element, maximum: maximum)))" }
            let dash = Self.dashes[s % Self.dashes.count]
            svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") "
                + "points=\"\(points.joined(separator: " "))\"/>"
            for (index, value) in line.values.enumerated() {
                let x = Self.x(index, of: line.values.count)
                let y = Self.y(value, maximum: maximum)
                let label = index < labels.count ? labels[index] : ""
                svg += "<g class=\"chart-point\" data-series=\"\(s)\" data-index=\"\(index)\">"
                    + Self.marker(s, x: x, y: y, colour: colour)
                    + "<title>\(e(label)) · \(e(line.name)): \(ChartScale.text(value))</title></g>"
            }
        }
        var legendY = bottom + 40
        svg += "<text x=\"\(c(Self.plotLeft))\" y=\"\(c(legendY))\" fill=\"#222222\">\(e(scaleNote))</text>"
        for (s, line) in series.enumerated() {
            if s % 3 == 0 { legendY += 20 }
            let x = Self.plotLeft + Double(s % 3) * 145
            let dash = Self.dashes[s % Self.dashes.count]
            svg += "<line x1=\"\(c(x))\" y1=\"\(c(legendY - 4))\" x2=\"\(c(x + 28))\" y2=\"\(c(legendY - 4))\" stroke=\"\(ChartScale.colour(s))\" "
                + "stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>"
                + Self.marker(s, x: x + 14, y: legendY - 4, colour: ChartScale.colour(s))
            svg += "<text x=\"\(c(x + 34))\" y=\"\(c(legendY))\" fill=\"#222222\">\(e(line.name))</text>"
        }
        return svg + "</svg>"
    }

    /// A circle, square, triangle, diamond or cross centred on the point: the series' shape.
    static func marker(_ series: Int, x: Double, y: Double, colour: String) -> String {
        let c = ChartScale.coordinate
        switch series % 5 {
        case 0: return "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"3.5\" fill=\"\(colour)\"/>"
        case 1: return "<rect x=\"\(c(x - 3.5))\" y=\"\(c(y - 3.5))\" width=\"7\" height=\"7\" fill=\"\(colour)\"/>"
        case 2: return "<path d=\"M\(c(x)) \(c(y - 4.5))L\(c(x + 4.5)) \(c(y + 3.5))L\(c(x - 4.5)) \(c(y + 3.5))Z\" fill=\"\(colour)\"/>"
        case 3: return "<path d=\"M\(c(x)) \(c(y - 5))L\(c(x + 5)) \(c(y))L\(c(x)) \(c(y + 5))L\(c(x - 5)) \(c(y))Z\" fill=\"\(colour)\"/>"
        default:
            return "<path d=\"M\(c(x - 4)) \(c(y - 4))L\(c(x + 4)) \(c(y + 4))M\(c(x + 4)) \(c(y - 4))L\(c(x - 4)) \(c(y + 4))\" "
                + "stroke=\"\(colour)\" stroke-width=\"2\"/>"
        }
    }
}
