import Foundation

/// The numbers a chart's axis is drawn with: a round maximum and the ticks between, so that a
/// reader can measure a bar or a point against the grid (issue 15's charts, ADR 0052).
enum ChartScale {
    /// Four equal steps, each 1, 2, 2.5 (from 10 up) or 5 times a power of ten, whose end is at
    /// least `value`; counts therefore always get whole-numbered ticks. Zero and less give 4.
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 4 }
        let rawStep = value / 4
        var power = pow(10, floor(log10(rawStep)))
        if power < 1 { power = 1 }
        for multiple in [1.0, 2, 2.5, 5, 10] where !(multiple == 2.5 && power < 10) {
            let step = multiple * power
            if step * 4 >= value { return step * 4 }
        }
        return 40 * power
    }

    /// The tick values from 0 to `maximum`, in four steps.
    static func ticks(_ maximum: Double) -> [Double] {
        (0...4).map { maximum * Double($0) / 4 }
    }

    /// A number as a chart writes it: whole numbers without a point, others with one decimal.
    static func text(_ value: Double) -> String {
        if value == value.rounded() { return String(Int(value)) }
        return String(format: "%.1f", value)
    }

    /// A coordinate in the SVG, to two decimals.
    static func coordinate(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    /// Text made safe inside SVG (and HTML) text and attributes.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Series colours: each at least 3:1 against white (WCAG 2.1, non-text contrast), and told
    /// apart by more than colour too (the line chart's dashes and markers, the bars' legend order).
    static let colours = ["#1f5f99", "#a34f00", "#6b3fa0", "#2e7d32", "#b00020"]

    static func colour(_ index: Int) -> String { colours[index % colours.count] }
}
