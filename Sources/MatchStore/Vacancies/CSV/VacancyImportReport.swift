/// One problem in an imported file: the row (the file line where the record starts; the
/// header is row 1), the column as its header is written in the file, and what is wrong.
public struct VacancyImportProblem: Sendable, Equatable, CustomStringConvertible {
    public let row: Int
    public let column: String
    public let message: String

    public init(row: Int, column: String, message: String) {
        self.row = row
        self.column = column
        self.message = message
    }

    public var description: String { "row \(row), \(column): \(message)" }
}

/// What an import did, or with `dryRun` would do. With any problem nothing is committed; the
/// counts then say what the good rows would do, and `invalid` how many rows have problems.
public struct VacancyImportReport: Sendable, Equatable {
    public var dryRun: Bool
    public var committed: Bool
    public var rows: Int
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    /// Rows with at least one problem (counted in none of the above).
    public var invalid: Int
    public var problems: [VacancyImportProblem]

    public init(dryRun: Bool, committed: Bool = false, rows: Int = 0, created: Int = 0, updated: Int = 0, unchanged: Int = 0,
                invalid: Int = 0, problems: [VacancyImportProblem] = []) {
        self.dryRun = dryRun
        self.committed = committed
        self.rows = rows
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.invalid = invalid
        self.problems = problems
    }
}
