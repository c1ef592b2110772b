import Foundation
import MatchStore

/// One night's three charts for an office, with their tables, from the office's part of the
/// run as it was stored when the night committed (ADR 0052): fill rate by region, choice
/// received, and floors. `text` gives the catalogue's words in the reader's language.
struct RunCharts {
    let part: OfficeNights.Part
    let text: (String, [String: String]) -> String

    static let names = ["fill-by-region", "choice-received", "floors"]

    func table(_ name: String) -> ChartTable? {
        switch name {
        case "fill-by-region": return fillTable
        case "choice-received": return choiceTable
        case "floors": return floorTable
        default: return nil
        }
    }

    /// Each chart as the template draws it: its SVG, its table and where its CSV is.
    func charts(runID: Int64) -> [[String: Any]] {
        var result: [[String: Any]] = []
        if !fillTable.rows.isEmpty { result.append(chart(fillChart, fillTable, runID)) }
        if !choiceTable.rows.isEmpty { result.append(chart(choiceChart, choiceTable, runID)) }
        if !floorTable.rows.isEmpty { result.append(chart(floorChart, floorTable, runID)) }
        return result
    }

    private func chart(_ chart: BarChart, _ table: ChartTable, _ runID: Int64) -> [String: Any] {
        ["title": chart.title, "svg": chart.svg(), "table": table.values, "csv": "/console/runs/\(runID)/charts/\(table.name).csv"]
    }

    private func regionName(_ code: String) -> String {
        part.regionNames[code].map { "\($0) (\(code))" } ?? code
    }

    /// Filled seats over seats, in percent to one decimal (0 where a region had no seat).
    static func rate(filled: Int, seats: Int) -> Double {
        seats == 0 ? 0 : (Double(filled) * 1000 / Double(seats)).rounded() / 10
    }

    // MARK: fill rate by region

    private var fillTable: ChartTable {
        ChartTable(
            name: "fill-by-region", caption: text("console_chart_fill_caption", [:]),
            headers: [text("console_chart_col_region", [:]), text("console_chart_col_seats", [:]), text("console_chart_col_filled", [:]),
                      text("console_chart_col_fill_rate", [:])],
            rows: part.summary.regions.map { region in
                [regionName(region.region), String(region.seats), String(region.filled),
                 ChartScale.text(Self.rate(filled: region.filled, seats: region.seats))]
            })
    }

    private var fillChart: BarChart {
        BarChart(id: "chart-fill", title: text("console_chart_fill_title", [:]), description: text("console_chart_fill_desc", [:]),
                 scaleNote: text("console_chart_scale_percent", [:]), series: [text("console_chart_col_fill_rate", [:])],
                 rows: part.summary.regions.map { .init(label: regionName($0.region), values: [Self.rate(filled: $0.filled, seats: $0.seats)]) },
                 maximum: 100, unit: "%")
    }

    // MARK: choice received

    /// 1st, 2nd, … choice on the office's posts, then placed by another office, then unplaced
    /// (for nights before ADR 0052, the last two as one: not placed on the office's posts).
    /// The counts sum to the office's candidates: everyone who ranked one of its posts.
    private var choiceRows: [(String, Int)] {
        let summary = part.summary
        var rows = summary.rankDistribution.enumerated().map { index, count in
            (text("console_chart_choice_n", ["n": String(index + 1)]), count)
        }
        let notHere = max(0, summary.candidates - summary.rankDistribution.reduce(0, +))
        if let elsewhere = summary.placedElsewhere, let unplaced = summary.unplaced {
            rows.append((text("console_chart_choice_elsewhere", [:]), elsewhere))
            rows.append((text("console_chart_choice_unplaced", [:]), unplaced))
        } else if notHere > 0 {
            rows.append((text("console_chart_choice_not_here", [:]), notHere))
        }
        return rows
    }

    private var choiceTable: ChartTable {
        ChartTable(name: "choice-received", caption: text("console_chart_choice_caption", [:]),
                   headers: [text("console_chart_col_choice", [:]), text("console_chart_col_candidates", [:])],
                   rows: choiceRows.map { [$0.0, String($0.1)] })
    }

    private var choiceChart: BarChart {
        let rows = choiceRows
        let maximum = ChartScale.niceMaximum(Double(rows.map(\.1).max() ?? 0))
        return BarChart(id: "chart-choice", title: text("console_chart_choice_title", [:]), description: text("console_chart_choice_desc", [:]),
                        scaleNote: text("console_chart_scale_count", ["max": ChartScale.text(maximum)]),
                        series: [text("console_chart_col_candidates", [:])],
                        rows: rows.map { .init(label: $0.0, values: [Double($0.1)]) }, maximum: maximum)
    }

    // MARK: floors

    private var floorTable: ChartTable {
        ChartTable(
            name: "floors", caption: text("console_chart_floors_caption", [:]),
            headers: [text("console_chart_col_region", [:]), text("console_chart_col_target", [:]), text("console_chart_col_placed", [:]),
                      text("console_chart_col_shortfall", [:])],
            rows: part.summary.floors.map { [regionName($0.region), String($0.floor), String($0.placed), String($0.shortfall)] })
    }

    private var floorChart: BarChart {
        let floors = part.summary.floors
        let maximum = ChartScale.niceMaximum(Double(floors.map { max($0.floor, $0.placed) }.max() ?? 0))
        return BarChart(
            id: "chart-floors", title: text("console_chart_floors_title", [:]), description: text("console_chart_floors_desc", [:]),
            scaleNote: text("console_chart_scale_count", ["max": ChartScale.text(maximum)]),
            series: [text("console_chart_col_target", [:]), text("console_chart_col_placed", [:]), text("console_chart_col_shortfall", [:])],
            rows: floors.map { .init(label: regionName($0.region), values: [Double($0.floor), Double($0.placed), Double($0.shortfall)]) },
            maximum: maximum)
    }
}
