import Foundation
@testable import MatchWeb
import Testing

/// The chart types alone: numbers in, SVG out, each mark where its number says.
@Suite("Charts drawn as SVG")
struct ChartTests {
    @Test("a bar's length is its value over the maximum, of the plot's width; words are escaped; title and desc are there")
    func bars() {
        let chart = BarChart(id: "t", title: "Fill <rate>", description: "One bar a region.", scaleNote: "Full width is 100%.",
                             series: ["rate"], rows: [.init(label: "A & B", values: [50]), .init(label: "C", values: [100]),
                                                      .init(label: "D", values: [0]), .init(label: "E", values: [150])],
                             maximum: 100, unit: "%")
        let svg = chart.svg()
        let widths = RunPageReading.bars(svg).map { $0[0] ?? -1 }
        #expect(widths == [BarChart.plotWidth / 2, BarChart.plotWidth, 0, BarChart.plotWidth], "a value over the maximum stops at the edge")
        #expect(svg.contains(#"<title id="t-title">Fill &lt;rate&gt;</title>"#) && svg.contains(#"<desc id="t-desc">One bar a region. Full width is 100%.</desc>"#))
        #expect(svg.contains("A &amp; B") && !svg.contains("A & B"))
        #expect(svg.contains(#"aria-labelledby="t-title t-desc""#) && svg.contains(#"role="img""#))
        for tick in ["0%", "25%", "50%", "75%", "100%"] { #expect(svg.contains(">\(tick)</text>"), "tick \(tick)") }
    }

    @Test("grouped bars: one per series in each row, and a legend naming the series")
    func groupedBars() {
        let chart = BarChart(id: "f", title: "Floors", description: "d", scaleNote: "s", series: ["floor", "placed", "shortfall"],
                             rows: [.init(label: "X", values: [4, 1, 3])], maximum: 8)
        let bars = RunPageReading.bars(chart.svg())
        #expect(bars.count == 1 && bars[0] == [0: BarChart.plotWidth / 2, 1: BarChart.plotWidth / 8, 2: BarChart.plotWidth * 3 / 8])
        #expect(chart.svg().contains(">shortfall</text>"))
    }

    @Test("a point's height is its value over the maximum; one night stands in the middle")
    func lines() {
        let chart = LineChart(id: "n", title: "Nights", description: "d", scaleNote: "s", labels: ["2026-12-01", "2026-12-02"],
                              series: [.init(name: "seats", values: [8, 4]), .init(name: "offers", values: [0, 8])], maximum: 8)
        let svg = chart.svg()
        let circles = svg.matches(of: /<circle cx="([0-9.]+)" cy="([0-9.]+)"/).map { (Double($0.1) ?? -1, Double($0.2) ?? -1) }
        #expect(circles.count >= 2)
        #expect(abs(circles[0].1 - LineChart.plotTop) < 0.01, "8 of 8 is the top")
        #expect(abs(circles[1].1 - (LineChart.plotTop + LineChart.plotHeight / 2)) < 0.01, "4 of 8 is half way")
        #expect(abs(circles[0].0 - LineChart.plotLeft) < 0.01 && abs(circles[1].0 - LineChart.plotRight) < 0.01)
        #expect(svg.contains("<polyline") && svg.contains(#"stroke-dasharray="6 3""#), "the second line is dashed")
        #expect(LineChart.x(0, of: 1) == (LineChart.plotLeft + LineChart.plotRight) / 2)
        #expect(LineChart.y(0, maximum: 8) == LineChart.plotTop + LineChart.plotHeight)
    }

    @Test("the scale's maximum is round, at least the largest value, and its four ticks are whole for counts")
    func scale() {
        #expect(ChartScale.niceMaximum(0) == 4 && ChartScale.niceMaximum(1) == 4 && ChartScale.niceMaximum(7) == 8)
        #expect(ChartScale.niceMaximum(13) == 20 && ChartScale.niceMaximum(100) == 100 && ChartScale.niceMaximum(37) == 40)
        for value in [3.0, 9, 17, 55, 99, 1234, 98_765] {
            let top = ChartScale.niceMaximum(value)
            #expect(top >= value && ChartScale.ticks(top).allSatisfy { $0 == $0.rounded() }, "\(value) → \(top)")
        }
    }
}
