/// Turns a posts CSV into drafts, collecting every problem with its row and column.
///
/// The file is read whole and checked whole: a person gets the full list of what to fix in
/// one report, and the importer writes nothing unless the list is empty.
struct VacancyCSVReader {
    struct Row: Sendable {
        let row: Int
        let draft: VacancyDraft
        /// The status the file asks for; nil when the file has no status column or the cell is empty.
        let status: VacancyStatus?
        /// Columns already reported as unreadable: validation says nothing more about them.
        let unreadable: Set<VacancyCSVColumn>
    }

    private(set) var rows: [Row] = []
    private(set) var problems: [VacancyImportProblem] = []
    /// Header text as written in the file, for each column it has.
    private var headers: [VacancyCSVColumn: String] = [:]
    private var positions: [VacancyCSVColumn: Int] = [:]

    init(text: String) {
        let table: CSVTable
        do {
            table = try CSVTable(fileName: "posts.csv", text: text, uniformRows: false)
        } catch {
            problems.append(Self.fileProblem(error))
            return
        }
        readHeader(table.header)
        guard problems.isEmpty else { return }
        for record in table.rows { readRow(record, width: table.header.count) }
    }

    /// Validation problems of one row, placed in the file; none for columns already reported.
    func problems(of row: Row, _ fields: [FieldProblem]) -> [VacancyImportProblem] {
        fields.compactMap { field in
            if let column = VacancyCSVColumn.holding(field.pointer), row.unreadable.contains(column) { return nil }
            return problem(row: row.row, field)
        }
    }

    /// Where in the file and in which column a draft's JSON pointer lies.
    func problem(row: Int, _ field: FieldProblem) -> VacancyImportProblem {
        let column = VacancyCSVColumn.holding(field.pointer)
        let header = column.flatMap { headers[$0] } ?? column?.rawValue ?? field.pointer
        // A list item's index is 0-based in the pointer; people count items from 1.
        let parts = field.pointer.split(separator: "/")
        let item = parts.count >= 2 ? Int(parts[1]).map { "item \($0 + 1): " } ?? "" : ""
        return VacancyImportProblem(row: row, column: header, message: item + field.message)
    }

    func header(_ column: VacancyCSVColumn) -> String { headers[column] ?? column.rawValue }

    private mutating func readHeader(_ header: [String]) {
        for (index, name) in header.enumerated() {
            guard let column = VacancyCSVColumn.named(name) else {
                problems.append(.init(row: 1, column: name, message: "unknown column; the columns are "
                    + VacancyCSVColumn.allCases.map(\.rawValue).joined(separator: ", ")))
                continue
            }
            if let earlier = headers[column] {
                problems.append(.init(row: 1, column: name, message: "the same column as '\(earlier)'"))
                continue
            }
            headers[column] = name
            positions[column] = index
        }
        for column in VacancyCSVColumn.allCases where column.isRequired && positions[column] == nil {
            problems.append(.init(row: 1, column: column.rawValue,
                                  message: "required column missing (also accepted: \(column.chineseNames.joined(separator: ", ")))"))
        }
    }

    private mutating func readRow(_ record: CSVTable.Row, width: Int) {
        guard record.fields.count == width else {
            problems.append(.init(row: record.line, column: "", message: "\(record.fields.count) cells where the header has \(width)"))
            return
        }
        var cells = VacancyCSVCells(row: record.line, fields: record.fields, positions: positions, headers: headers)
        let draft = cells.draft()
        let status = cells.status()
        problems.append(contentsOf: cells.problems)
        rows.append(Row(row: record.line, draft: draft, status: status, unreadable: cells.unreadable))
    }

    private static func fileProblem(_ error: ReferenceError) -> VacancyImportProblem {
        switch error {
        case .unterminatedQuote(_, let line): .init(row: line, column: "", message: "a quoted cell is never closed")
        case .emptyFile: .init(row: 1, column: "", message: "the file is empty; it needs a header row and one row per post")
        default: .init(row: 1, column: "", message: "\(error)")
        }
    }
}
