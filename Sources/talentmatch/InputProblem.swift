import MatchStore

/// A value on the command line that is well-formed for the parser but wrong for TalentMatch:
/// an impossible date, a region that does not exist, a run that does not exist. Printed as
/// one line that names the option (or argument) and the problem; exit status 2.
///
/// Commands check their values with these before they open the database or write anything.
struct InputProblem: Error, Sendable, CustomStringConvertible {
    /// How the person typed it: `--date 2026-13-45`, `RUN_ID 9999`.
    let field: String
    let problem: String

    init(_ field: String, _ problem: String) {
        self.field = field
        self.problem = problem
    }

    /// `--office 'bad code!'`: the option and its value as typed, quoted when a shell would need it.
    init(option: String, value: String, _ problem: String) {
        let needsQuotes = value.isEmpty || value.contains { $0.isWhitespace || "'\"!$&;|<>*?()".contains($0) }
        self.init("\(option) \(needsQuotes ? "'\(value)'" : value)", problem)
    }

    var description: String { "\(field): \(problem)" }
}

extension InputProblem {
    /// A day given as `YYYY-MM-DD`; `2026-13-45` and `2026-02-30` are refused here, not by PostgreSQL.
    static func date(_ text: String, option: String) throws(InputProblem) -> CalendarDate {
        guard let date = CalendarDate(text) else {
            throw InputProblem(option: option, value: text, "not a real day; expected \(CalendarDate.expectation), e.g. 2026-11-24")
        }
        return date
    }

    /// A new office's code, as the offices table allows it (2 to 40 letters, digits, `-`, `_`).
    static func officeCode(_ text: String, option: String) throws(InputProblem) -> String {
        guard text.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9_-]{1,39}/) != nil else {
            throw InputProblem(
                option: option, value: text, "an office code is 2 to 40 letters, digits, '-' and '_', starting with a letter or digit"
            )
        }
        return text
    }
}
