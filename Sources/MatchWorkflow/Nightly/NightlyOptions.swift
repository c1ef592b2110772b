import MatchCore

/// How to run one market's nightly match.
public struct NightlyOptions: Sendable {
    /// The night, `YYYY-MM-DD`, not after today (China Standard Time). One committed run per
    /// market and date.
    public var date: String
    /// Do everything but write; report how the result differs from the last committed run.
    public var dryRun: Bool
    /// Replace this night's committed run (its open offers are withdrawn; accepted ones stay).
    public var rerun: Bool
    /// Who started it, for the audit log and offer transitions.
    public var actor: String
    /// Progress lines for long phases.
    public var progress: @Sendable (String) -> Void
    /// The stored snapshot is split into parts of this many bytes (8 MiB by default; tests use
    /// small parts so that every snapshot they store has several).
    public var snapshotPartBytes: Int = 8 << 20
    /// Draws the night's lottery secret when rankings freeze: 32 bytes from the system's
    /// cryptographic source (ADR 0031). A test that compares two databases' nights gives both
    /// the same secret; nothing else should replace it.
    public var drawLottery: @Sendable () throws -> LotteryReveal = NightlyOptions.cryptographicLottery

    /// The production draw (`NightLottery`).
    public static let cryptographicLottery: @Sendable () throws -> LotteryReveal = { try NightLottery.draw() }

    public init(date: String, dryRun: Bool = false, rerun: Bool = false, actor: String = "nightly",
                progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.date = date
        self.dryRun = dryRun
        self.rerun = rerun
        self.actor = actor
        self.progress = progress
    }
}
