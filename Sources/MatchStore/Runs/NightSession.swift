import Logging
import PostgresNIO

/// One office's night on the connection that holds its lock: what the nightly workflow may
/// read and write, and nothing of how (ADR 0020, ADR 0024).
///
/// Made only by `Database.withNightLock`, so every read and the final write of a night run on
/// the connection whose session holds the advisory lock; PostgreSQL drops the lock with the
/// connection if the process dies.
public struct NightSession: Sendable {
    let connection: PostgresConnection
    let database: Database
    public let office: NightlySnapshot.Office
    /// The night, `YYYY-MM-DD`.
    public let date: String

    /// Pools smaller than this read the candidates on one connection: the second reading
    /// connection comes from the same pool while this one is held, so a pool of two (the
    /// API's what-if pool) could deadlock two concurrent runs.
    static let connectionsForSplitRead = 4

    private var store: RunStore { RunStore(connection: connection, logger: database.logger) }

    /// This night's committed run, if there is one.
    public func committedRun() async throws -> Int64? {
        try await store.committedRun(officeID: office.id, date: date)
    }

    /// Tonight's inputs in one repeatable-read snapshot (see `SnapshotReader`).
    /// - Parameters:
    ///   - supersededRun: a run whose pending offers count as withdrawn (a rerun, a what-if).
    ///   - draft: a what-if's unstored policy, read in place of the office's current one.
    public func readSnapshot(
        supersededRun: Int64?, draft: PolicyDraft?, progress: @escaping @Sendable (String) -> Void
    ) async throws -> NightlySnapshot {
        let second = database.maxConnections >= Self.connectionsForSplitRead ? database.client : nil
        var reader = SnapshotReader(connection: connection, client: second, logger: database.logger)
        reader.progress = progress
        return try await reader.read(office: office, supersededRun: supersededRun, draft: draft)
    }

    /// Candidate → vacancy of `preferred`, or else of the office's newest committed run.
    public func lastCommittedAssignments(preferring preferred: Int64?) async throws -> (runID: Int64, assignments: [Int64: Int64])? {
        try await store.lastCommittedAssignments(officeID: office.id, preferring: preferred)
    }

    /// Records a run that was not released, with its reasons; no offer is created.
    public func recordFailure(_ run: RunRecord, snapshotHash: String, reasons: [String]) async throws -> Int64 {
        try await store.recordFailure(run, snapshotHash: snapshotHash, reasons: reasons)
    }

    /// Writes the run, its offers and its snapshot in one transaction (see `RunWriter`).
    public func commit(
        _ run: RunRecord, release: RunRelease, offerDays: Int, superseding oldRun: Int64?, actor: String,
        options: RunWriteOptions = .init()
    ) async throws -> (runID: Int64, snapshotHash: String) {
        let writer = RunWriter(connection: connection, logger: database.logger, options: options)
        return try await writer.commit(run, release: release, offerDays: offerDays, superseding: oldRun, actor: actor)
    }

    /// Adds the write's own duration to a committed run's stored phase seconds.
    public func recordWriteSeconds(_ seconds: Double, runID: Int64) async throws {
        try await store.recordWriteSeconds(seconds, runID: runID)
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

extension Database {
    /// Runs `body` with the advisory lock on (office, night) held by one pooled connection;
    /// nil, without running it, when another process holds the lock.
    ///
    /// Throws `NightlyError` for an unknown or closed office; database failures leave as
    /// `DatabaseError`, whose `isConnectionLoss` says when starting again is the cure.
    public func withNightLock<Result: Sendable>(
        officeCode: String, date: String, _ body: (NightSession) async throws -> Result
    ) async throws -> Result? {
        try await withConnection { connection in
            let store = RunStore(connection: connection, logger: logger)
            let office = try await store.office(code: officeCode)
            let key = "\(office.code)|\(date)"
            guard try await store.tryLock(key) else { return nil }
            do {
                let result = try await body(NightSession(connection: connection, database: self, office: office, date: date))
                try await store.unlock(key)
                return result
            } catch {
                try? await store.unlock(key)
                throw error
            }
        }
    }
}
