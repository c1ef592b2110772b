/// Why a nightly run could not start or was not released. Each case says what to do.
public enum NightlyError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownOffice(String)
    case officeClosed(String)
    case noPolicy(String)
    case invalidDate(String)
    /// `pg_export_snapshot()` answered with something that is not a snapshot identifier.
    case unexpectedSnapshotIdentifier

    public var description: String {
        switch self {
        case .unknownOffice(let code): "no office with code '\(code)' (see the offices table, or `talentmatch demo` for a demo office)"
        case .officeClosed(let code): "office '\(code)' is closed; a closed office runs no match"
        case .noPolicy(let code): "office '\(code)' has no policy yet; create one with `talentmatch policy create --office \(code)`"
        case .invalidDate(let text): "the night must be \(CalendarDate.expectation), got '\(text)'"
        case .unexpectedSnapshotIdentifier:
            "PostgreSQL did not export a usable snapshot for the second reading connection (PostgreSQL 13 or later is required)"
        }
    }
}
