/// What is wrong with a reference file, down to the line and column.
public enum ReferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadableFile(String)
    case emptyFile(String)
    case unterminatedQuote(file: String, line: Int)
    case wrongFieldCount(file: String, line: Int, expected: Int, found: Int)
    case missingColumn(file: String, column: String)
    case invalidValue(file: String, line: Int, column: String, value: String, expected: String)
    case unknownRegion(file: String, line: Int, code: String)
    case duplicate(file: String, line: Int, value: String)

    public var description: String {
        switch self {
        case .unreadableFile(let file): "\(file): cannot be read as UTF-8 text"
        case .emptyFile(let file): "\(file): the file is empty; expected a header line"
        case .unterminatedQuote(let file, let line): "\(file):\(line): a quoted field is never closed"
        case .wrongFieldCount(let file, let line, let expected, let found):
            "\(file):\(line): \(found) fields, but the header has \(expected)"
        case .missingColumn(let file, let column): "\(file): no column named '\(column)' in the header"
        case .invalidValue(let file, let line, let column, let value, let expected):
            "\(file):\(line): column '\(column)' is '\(value)', expected \(expected)"
        case .unknownRegion(let file, let line, let code):
            "\(file):\(line): region code \(code) is not in the region table (load a newer region edition first)"
        case .duplicate(let file, let line, let value): "\(file):\(line): '\(value)' appears twice"
        }
    }
}
