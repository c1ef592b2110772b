/// Why a nightly run could not start or was not released. Each case says what to do.
public enum NightlyError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownOffice(String)
    case officeClosed(String)
    case noPolicy(String)
    case invalidDate(String)
    case unknownMarket(String)
    /// The deployment has several markets and none was named.
    case severalMarkets([String])
    /// A night for a date after today (China Standard Time): its results would be dated ahead.
    case futureNight(night: String, today: String)
    /// The night's offers would be past their deadline (the night plus the offer days) already.
    case nightTooOld(night: String, deadline: String)
    /// `pg_export_snapshot()` answered with something that is not a snapshot identifier.
    case unexpectedSnapshotIdentifier

    public var description: String {
        switch self {
        case .unknownOffice(let code): "no office with code '\(code)' (see the offices table, or `talentmatch demo` for a demo office)"
        case .officeClosed(let code): "office '\(code)' is closed; a closed office runs no match"
        case .noPolicy(let code): "office '\(code)' has no policy yet; create one with `talentmatch policy create --office \(code)`"
        case .invalidDate(let text): "the night must be \(CalendarDate.expectation), got '\(text)'"
        case .unknownMarket(let code): "no market with code '\(code)' (see `talentmatch markets list`)"
        case .severalMarkets(let codes): "this deployment has \(codes.count) markets (\(codes.joined(separator: ", "))); name one with --market"
        case .futureNight(let night, let today): "the night \(night) is after today (\(today), China Standard Time); a night is run on or after its date"
        case .nightTooOld(let night, let deadline):
            "the offers of the night \(night) would be past their deadline (\(deadline)) already; run tonight's match instead"
        case .unexpectedSnapshotIdentifier:
            "PostgreSQL did not export a usable snapshot for the second reading connection (PostgreSQL 13 or later is required)"
        }
    }
}
