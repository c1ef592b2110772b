import MatchStore

/// A chart's numbers as a table: what the page shows beside the chart and what its CSV
/// download holds, cell for cell, so a screen reader and a spreadsheet get the same numbers.
struct ChartTable: Sendable {
    /// The chart's name in its CSV path (`…/charts/NAME.csv`).
    let name: String
    let caption: String
    let headers: [String]
    let rows: [[String]]

    /// For the template: header cells, and rows whose first cell is a row header.
    var values: [String: Any] {
        ["name": name, "caption": caption, "headers": headers.map { ["text": $0] },
         "rows": rows.map { row in ["head": row.first ?? "", "cells": row.dropFirst().map { ["text": $0] }] as [String: Any] }]
    }

    /// UTF-8 with a byte-order mark, as every export of the project, so that Excel reads Chinese.
    var csv: String {
        var writer = CSVWriter(header: headers)
        for row in rows { writer.append(row) }
        return writer.text
    }
}
