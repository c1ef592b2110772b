/// How `transaction` opens a transaction: its isolation, the snapshot it shares, the tuning
/// of a bulk read, and who is acting and why.
///
/// One type for every transaction in MatchStore, so that a reader finds in one place what a
/// transaction may set before its first statement, and the settings that row-level security
/// and the offer-transition trigger read (`talentmatch.scope`, `talentmatch.actor`,
/// `talentmatch.reason`) are spelled once.
public struct TransactionOptions: Sendable {
    public enum Isolation: Sendable {
        case readCommitted
        /// Every statement sees the same instant: the nightly snapshot.
        case repeatableRead

        var beginStatement: String {
            switch self {
            case .readCommitted: "BEGIN"
            case .repeatableRead: "BEGIN ISOLATION LEVEL REPEATABLE READ"
            }
        }
    }

    public var isolation: Isolation = .readCommitted
    /// Who is acting, for the audit trigger of offer transitions; nil leaves it unset.
    public var actor: String?
    /// Why, recorded with each offer transition the transaction makes.
    public var reason: String?
    /// Tunes the transaction for one-off queries over millions of rows (see `bulkReadSettings`).
    public var bulkRead = false
    /// A snapshot exported by another transaction (`pg_export_snapshot()`), to see its instant.
    var importedSnapshot: String?
    /// The row-level security scope, set by a handle made with `Database.scoped(_:actor:)`.
    var scope: AccessScope?

    public init(isolation: Isolation = .readCommitted, actor: String? = nil, reason: String? = nil, bulkRead: Bool = false) {
        self.isolation = isolation
        self.actor = actor
        self.reason = reason
        self.bulkRead = bulkRead
    }

    /// Who acted and why, for a transaction that changes offers.
    public static func attributed(to actor: String, reason: String) -> TransactionOptions {
        TransactionOptions(actor: actor, reason: reason)
    }

    /// Measured at 1M candidates: JIT compilation of the nightly's one-off queries cost more
    /// than it saved (16 s instead of 26 s without it), and the default 4 MB work_mem sent
    /// every sort of a million rankings to disk. Parallel workers would compete for the same
    /// two cores with the job decoding the rows.
    static let bulkReadSettings = [
        "SET LOCAL jit = off", "SET LOCAL max_parallel_workers_per_gather = 0", "SET LOCAL work_mem = '256MB'",
    ]
}
