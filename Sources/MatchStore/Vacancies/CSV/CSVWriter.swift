/// Writes CSV that Excel opens as UTF-8: a byte-order mark, CRLF line ends, and RFC 4180
/// quoting (a cell with a comma, quote, line break or surrounding space is quoted, quotes doubled).
///
/// Every CSV export goes through `cell(_:)`, so none of them can hand a spreadsheet a formula:
/// following OWASP's CSV-injection guidance, a cell that starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return is written with a leading `'`, which Excel and WPS read as "this is
/// text" and do not show. The posts import takes that quote off again (`unguarded(_:)`), so
/// an exported file re-imports unchanged.
public struct CSVWriter: Sendable {
    public private(set) var text = "\u{FEFF}"

    public init(header: [String]) {
        append(header)
    }

    public mutating func append(_ cells: [String]) {
        var first = true
        for cell in cells {
            if !first { text.append(",") }
            first = false
            text.append(Self.cell(cell))
        }
        text.append("\r\n")
    }

    /// One cell as written: guarded against formulas, then quoted if need be.
    public static func cell(_ value: String) -> String {
        quoted(guarded(value))
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The value with a leading `'` when a spreadsheet would read it as a formula.
    static func guarded(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else { return value }
        return "'" + value
    }

    /// The value a guarded cell held: the leading `'` removed when a formula start follows it.
    static func unguarded(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard scalars.first == "'", let second = scalars.dropFirst().first, formulaStarts.contains(second) else { return cell }
        return String(String.UnicodeScalarView(scalars.dropFirst()))
    }

    static func quoted(_ cell: String) -> String {
        let needsQuotes = cell.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || cell.first?.isWhitespace == true || cell.last?.isWhitespace == true
        guard needsQuotes else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
