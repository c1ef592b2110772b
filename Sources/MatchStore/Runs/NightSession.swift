import Logging
import MatchCore
import PostgresNIO

/// One market's night on the connection that holds its lock: what the nightly workflow may
/// read and write, and nothing of how (ADR 0020, ADR 0024, ADR 0030).
///
/// Made only by `Database.withNightLock`, so every read and the final write of a night run on
/// the connection whose session holds the advisory lock; PostgreSQL drops the lock with the
/// connection if the process dies.
public struct NightSession: Sendable {
    let connection: PostgresConnection
    let database: Database
    public let market: NightlySnapshot.Market
    /// The night, `YYYY-MM-DD`.
    public let date: String

    /// Pools smaller than this read the candidates on one connection: the second reading
    /// connection comes from the same pool while this one is held, so a pool of two (the
    /// API's what-if pool) could deadlock two concurrent runs.
    static let connectionsForSplitRead = 4

    private var store: RunStore { RunStore(connection: connection, logger: database.logger) }

    /// This night's committed run of the market, if there is one.
    public func committedRun() async throws -> Int64? {
        try await store.committedRun(marketID: market.id, date: date)
    }

    /// Freezes the market's rankings for tonight and publishes the lottery's commitment, in a
    /// transaction of its own, before anything is read (ADR 0031). A freeze left open by an
    /// interrupted start of this same night is taken up again with its secret, so a retry
    /// draws the lottery that was committed to; one left by another night is released first.
    /// - Parameter draw: a new secret from a cryptographic source, called only when needed.
    public func freeze(drawing draw: () throws -> LotteryReveal) async throws -> LotteryFreeze {
        try await MarketFreezes(connection: connection, logger: database.logger).freeze(marketID: market.id, night: date, drawing: draw)
    }

    /// Restores the offers whose seat priority (docs/offers.md) a free seat can honour now, in
    /// a transaction of its own before the rankings freeze: the restored offers then hold their
    /// seats and candidates, so the night cannot give either away. Returns how many priorities
    /// were honoured and how many lapsed.
    public func honourSeatPriorities() async throws -> (honoured: Int, lapsed: Int) {
        try await connection.transaction(
            .attributed(to: "nightly", reason: "a seat is free for a candidate with priority after a review"), logger: database.logger
        ) {
            let pass = try await SeatPriorities.honour(marketID: market.id, on: connection, logger: database.logger)
            return (pass.honoured.count, pass.lapsed)
        }
    }

    /// Releases a freeze that no run will reveal (the night stopped before recording one): its
    /// secret is revealed and rankings can change again.
    public func releaseFreeze(_ freeze: LotteryFreeze) async throws {
        try await connection.transaction(.attributed(to: "nightly", reason: "night ended without a run"), logger: database.logger) {
            try await MarketFreezes(connection: connection, logger: database.logger)
                .release(freeze.id, secret: freeze.lottery.secretHex, runID: nil)
        }
    }

    /// Tonight's inputs in one repeatable-read snapshot (see `SnapshotReader`).
    /// - Parameters:
    ///   - supersededRun: a run whose pending offers count as withdrawn (a rerun, a what-if).
    ///   - draft: a what-if's unstored policy, read in place of one office's current one.
    public func readSnapshot(
        supersededRun: Int64?, draft: OfficeDraft?, progress: @escaping @Sendable (String) -> Void
    ) async throws -> NightlySnapshot {
        let second = database.maxConnections >= Self.connectionsForSplitRead ? database.client : nil
        var reader = SnapshotReader(connection: connection, client: second, logger: database.logger)
        reader.progress = progress
        return try await reader.read(market: market, night: date, supersededRun: supersededRun, draft: draft)
    }

    /// Candidate → vacancy of `preferred`, or else of the market's newest committed run, with
    /// that run's seed (a what-if reuses it, so only the policy differs).
    public func lastCommittedAssignments(preferring preferred: Int64?) async throws -> CommittedAssignments? {
        try await store.lastCommittedAssignments(marketID: market.id, preferring: preferred)
    }

    /// Records a run that was not released, with its reasons; no offer is created. Its freeze
    /// is released and its secret revealed, so the next start draws afresh.
    public func recordFailure(_ run: RunRecord, snapshotHash: String, reasons: [String]) async throws -> Int64 {
        try await connection.transaction(.attributed(to: "nightly", reason: "failed nightly match \(run.date)"), logger: database.logger) {
            try await store.recordFailure(run, snapshotHash: snapshotHash, reasons: reasons)
        }
    }

    /// Writes the run, its offices' parts, its left-out posts, its offers and its snapshot in
    /// one transaction, and reveals the lottery (see `RunWriter`).
    public func commit(
        _ run: RunRecord, release: RunRelease, superseding oldRun: Int64?, actor: String, options: RunWriteOptions = .init()
    ) async throws -> (runID: Int64, snapshotHash: String) {
        let writer = RunWriter(connection: connection, logger: database.logger, options: options)
        return try await writer.commit(run, release: release, superseding: oldRun, actor: actor)
    }

    /// Adds the write's own duration to a committed run's stored phase seconds.
    public func recordWriteSeconds(_ seconds: Double, runID: Int64) async throws {
        try await store.recordWriteSeconds(seconds, runID: runID)
    }

    /// Records how many couples the night had and how their phase ended (ADR 0039).
    public func recordCouples(_ count: Int, settlement: String, runID: Int64) async throws {
        try await store.recordCouples(count, settlement: settlement, runID: runID)
    }
}

/// How `NightSession.commit` writes: its progress lines and the size of the snapshot's parts.
public struct RunWriteOptions: Sendable {
    public var progress: @Sendable (String) -> Void
    /// The stored snapshot is split into parts of this many bytes (8 MiB by default; tests use
    /// small parts so that every snapshot they store has several).
    public var snapshotPartBytes: Int

    public init(progress: @escaping @Sendable (String) -> Void = { _ in }, snapshotPartBytes: Int = 8 << 20) {
        self.progress = progress
        self.snapshotPartBytes = max(1, snapshotPartBytes)
    }
}

/// Which market a night is for.
public enum MarketChoice: Sendable, Equatable {
    /// The deployment's only market (an error naming them when there are several).
    case only
    /// A market by code.
    case code(String)
    /// The market an office belongs to.
    case ofOffice(String)
}

extension Database {
    /// Runs `body` with the advisory lock on (market, night) held by one pooled connection;
    /// nil, without running it, when another process holds the lock.
    ///
    /// Throws `NightlyError` for an unknown market or office; database failures leave as
    /// `DatabaseError`, whose `isConnectionLoss` says when starting again is the cure.
    public func withNightLock<Result: Sendable>(
        market choice: MarketChoice, date: String, _ body: (NightSession) async throws -> Result
    ) async throws -> Result? {
        try await withConnection { connection in
            let store = RunStore(connection: connection, logger: logger)
            let market = try await store.market(choice)
            let key = "market:\(market.code)|\(date)"
            guard try await store.tryLock(key) else { return nil }
            do {
                let result = try await body(NightSession(connection: connection, database: self, market: market, date: date))
                try await store.unlock(key)
                return result
            } catch {
                try? await store.unlock(key)
                throw error
            }
        }
    }
}
