import MatchStore

/// The office's nights side by side (the runs list): seats, offers, acceptances, declines and
/// expiries as lines, oldest night first, from each night's stored part and the offer counts
/// the triggers keep (migration 0115). Only committed nights: a failed one made no offer.
struct NightsChart {
    let nights: [OfficeNights.Night]
    let text: (String, [String: String]) -> String

    static let name = "nights"

    private var committed: [OfficeNights.Night] { nights.filter { $0.run.status == "committed" }.reversed() }

    private var columns: [(key: String, value: (OfficeNights.Night) -> Int)] {
        [("console_chart_col_seats", { $0.seats }), ("console_chart_col_offers", { $0.outcome.offers }),
         ("console_chart_col_accepted", { $0.outcome.accepted }), ("console_chart_col_declined", { $0.outcome.declined }),
         ("console_chart_col_expired", { $0.outcome.expired })]
    }

    var table: ChartTable {
        ChartTable(name: Self.name, caption: text("console_chart_nights_caption", [:]),
                   headers: [text("console_chart_col_night", [:])] + columns.map { text($0.key, [:]) },
                   rows: committed.map { night in [night.run.date] + columns.map { String($0.value(night)) } })
    }

    var chart: LineChart {
        let series = columns.map { column in
            LineChart.Series(name: text(column.key, [:]), values: committed.map { Double(column.value($0)) })
        }
        let maximum = ChartScale.niceMaximum(series.flatMap(\.values).max() ?? 0)
        return LineChart(id: "chart-nights", title: text("console_chart_nights_title", [:]),
                         description: text("console_chart_nights_desc", [:]),
                         scaleNote: text("console_chart_scale_lines", ["max": ChartScale.text(maximum)]),
                         labels: committed.map(\.run.date), series: series, maximum: maximum)
    }
}
