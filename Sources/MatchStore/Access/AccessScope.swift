/// Which rows an API transaction may see, as row-level security reads it from
/// `talentmatch.scope` (Schema/0013_api_access.sql, ADR 0016). Trusted work has no scope: it
/// runs as a role that sees every row.
public enum AccessScope: Sendable, Equatable, CustomStringConvertible {
    /// A talent exchange centre: its own vacancies, and their offers.
    case centre(id: Int64)
    /// A regional office: its region and the regions below it.
    case office(id: Int64)

    /// The PostgreSQL setting the policies read.
    public static let settingName = "talentmatch.scope"

    /// The setting's value: `centre:<id>` or `office:<id>`.
    public var settingValue: String {
        switch self {
        case .centre(let id): "centre:\(id)"
        case .office(let id): "office:\(id)"
        }
    }

    public var description: String { settingValue }
}

/// A scope and the actor a transaction runs for: what `Database.scoped(_:actor:)` sets.
public struct TransactionScope: Sendable, Equatable {
    public let scope: AccessScope
    /// Who is acting, for the offer-transition trigger (`talentmatch.actor`).
    public let actor: String

    public init(scope: AccessScope, actor: String) {
        self.scope = scope
        self.actor = actor
    }
}
