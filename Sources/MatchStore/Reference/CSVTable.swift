import Foundation

/// A parsed CSV file (RFC 4180): a header and rows, each row remembering its line number.
///
/// Spreadsheet exports are the norm for the lists offices load, so a UTF-8 byte-order mark
/// and CRLF line ends are tolerated, and quoted fields may hold commas, quotes and newlines.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        /// The 1-based line on which the row starts, for error messages.
        public let line: Int
        public let fields: [String]
    }

    public let fileName: String
    public let header: [String]
    public let rows: [Row]

    /// With `uniformRows` false, rows of the wrong width are kept for the caller to report
    /// with every other problem, instead of stopping at the first.
    public init(fileName: String, text: String, uniformRows: Bool = true) throws(ReferenceError) {
        self.fileName = fileName
        var records = try Self.records(in: text, fileName: fileName)
        guard !records.isEmpty else { throw .emptyFile(fileName) }
        header = records.removeFirst().fields.map { $0.trimmingSpaces }
        rows = records.filter { !($0.fields.count == 1 && $0.fields[0].isEmpty) }
        for row in rows where uniformRows && row.fields.count != header.count {
            throw .wrongFieldCount(file: fileName, line: row.line, expected: header.count, found: row.fields.count)
        }
    }

    /// Reads a file; errors name it by its last path component.
    public static func read(path: String) throws(ReferenceError) -> CSVTable {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .unreadableFile(path) }
        return try CSVTable(fileName: URL(fileURLWithPath: path).lastPathComponent, text: text)
    }

    /// The index of a required column, accepting any of `names` (English or Chinese headers).
    public func column(_ names: String...) throws(ReferenceError) -> Int {
        for name in names {
            if let index = header.firstIndex(of: name) { return index }
        }
        throw .missingColumn(file: fileName, column: names[0])
    }

    private static func records(in text: String, fileName: String) throws(ReferenceError) -> [Row] {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var rows: [Row] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var rowLine = 1
        var inQuotes = false
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return iterator.next()
        }
        while let scalar = next() {
            if inQuotes {
                if scalar == "\"" {
                    let following = next()
                    if following == "\"" { field.append("\"") } else { inQuotes = false; pending = following }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                inQuotes = true
            case ",":
                fields.append(String(field)); field = .init()
            case "\r":
                continue
            case "\n":
                fields.append(String(field)); field = .init()
                rows.append(Row(line: rowLine, fields: fields)); fields = []
                line += 1; rowLine = line
            default:
                field.append(scalar)
            }
        }
        if inQuotes { throw .unterminatedQuote(file: fileName, line: rowLine) }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(String(field))
            rows.append(Row(line: rowLine, fields: fields))
        }
        return rows
    }
}

extension String {
    var trimmingSpaces: String { trimmingCharacters(in: .whitespaces) }
}
