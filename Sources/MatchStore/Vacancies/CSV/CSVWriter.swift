/// Writes CSV that Excel opens as UTF-8: a byte-order mark, CRLF line ends, and RFC 4180
/// quoting (a cell with a comma, quote, line break or surrounding space is quoted, quotes doubled).
struct CSVWriter {
    private(set) var text = "\u{FEFF}"

    init(header: [String]) {
        append(header)
    }

    mutating func append(_ cells: [String]) {
        var first = true
        for cell in cells {
            if !first { text.append(",") }
            first = false
            text.append(Self.quoted(cell))
        }
        text.append("\r\n")
    }

    static func quoted(_ cell: String) -> String {
        let needsQuotes = cell.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || cell.first?.isWhitespace == true || cell.last?.isWhitespace == true
        guard needsQuotes else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
