import Foundation

/// Reads a run page's charts back as numbers: each chart's bars (or points) from its SVG and
/// its table's rows, so tests can hold one against the other, and a CSV download as rows.
enum RunPageReading {
    /// The `<section>` of the chart named `name` (its CSV name), or "" when the page has none.
    static func section(_ page: String, _ name: String) -> String {
        guard let start = page.range(of: #"<section class="chart-block" aria-labelledby="\#(name)-heading">"#),
              let end = page.range(of: "</section>", range: start.upperBound..<page.endIndex) else { return "" }
        return String(page[start.lowerBound..<end.upperBound])
    }

    /// The table's rows: the row header, then each cell.
    static func rows(_ section: String) -> [[String]] {
        section.matches(of: /<tr><th scope="row">([^<]*)<\/th>((?:<td class="number">[^<]*<\/td>)+)<\/tr>/).map { match in
            [unescaped(String(match.1))] + String(match.2).matches(of: /<td class="number">([^<]*)<\/td>/).map { String($0.1) }
        }
    }

    /// The bars' lengths, by row and series.
    static func bars(_ section: String) -> [[Int: Double]] {
        var result: [Int: [Int: Double]] = [:]
        for match in section.matches(of: /<rect class="chart-bar" x="[^"]*" y="[^"]*" width="([0-9.]+)"[^>]*data-row="(\d+)" data-series="(\d+)"/) {
            result[Int(match.2) ?? -1, default: [:]][Int(match.3) ?? -1] = Double(match.1)
        }
        return (result.keys.max().map { Array(0...$0) } ?? []).map { result[$0] ?? [:] }
    }

    /// The line chart's points: the y coordinate of each point of each line, by series.
    static func points(_ section: String) -> [[Double]] {
        section.matches(of: /<polyline [^>]*points="([^"]*)"/).map { line in
            String(line.1).split(separator: " ").map { Double($0.split(separator: ",").last ?? "") ?? -1 }
        }
    }

    /// A CSV download's rows (the byte-order mark dropped; these files hold no quoted commas).
    static func csv(_ body: String) -> [[String]] {
        body.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static func unescaped(_ html: String) -> String {
        html.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
