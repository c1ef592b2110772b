/// A post as a form holds it: one text per field, named and spelled as the posts CSV's columns
/// (docs/vacancy-csv.md: `region_code`, `accepted_modes` as `a;b`, `specialties` as
/// `code:fit;…`), so that the console's form, the file and the API read a post one way.
///
/// `read()` gives the draft and every problem, each keyed by its form field, so a page can put
/// each error beside its field. A field that cannot be read at all (a word where a number
/// belongs) is reported once, and the draft's own validation (`VacancyDraft.problems`) names
/// the rest; the store checks again, with the reference tables, when it writes.
public struct VacancyForm: Sendable, Equatable {
    /// A problem with one field of the form: the field's name and the store's English message.
    public struct Problem: Sendable, Equatable {
        public let field: String
        public let message: String
    }

    /// The form's fields, in the order a page shows them.
    public static let fields: [String] = VacancyCSVColumn.allCases.filter { $0 != .status }.map(\.rawValue)

    public var values: [String: String]

    public init(values: [String: String]) {
        self.values = values
    }

    /// A stored post's fields, for the edit form.
    public init(_ draft: VacancyDraft) {
        var values: [String: String] = [:]
        for column in VacancyCSVColumn.allCases where column != .status {
            values[column.rawValue] = VacancyStore.cell(column, of: draft)
        }
        self.values = values
    }

    /// The draft these values make, and every problem with it (none means it may be written).
    public func read() -> (draft: VacancyDraft, problems: [Problem]) {
        let columns = VacancyCSVColumn.allCases.filter { $0 != .status }
        let positions = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element, $0.offset) })
        let headers = Dictionary(uniqueKeysWithValues: columns.map { ($0, $0.rawValue) })
        var cells = VacancyCSVCells(row: 0, fields: columns.map { values[$0.rawValue] ?? "" }, positions: positions, headers: headers)
        let draft = cells.draft()
        var problems = cells.problems.map { Problem(field: $0.column, message: $0.message) }
        for problem in draft.problems(reference: nil) {
            guard let column = Self.column(of: problem.pointer), !cells.unreadable.contains(column) else { continue }
            problems.append(Problem(field: column.rawValue, message: problem.message))
        }
        return (draft, problems)
    }

    /// The form field holding a validation pointer (`/householdRules/0/legalBasis` → `household_rules`).
    public static func field(of pointer: String) -> String? {
        column(of: pointer)?.rawValue
    }

    private static func column(of pointer: String) -> VacancyCSVColumn? {
        VacancyCSVColumn.holding(pointer)
    }
}
