import Foundation
import Logging
import MatchCore
import PostgresNIO

/// One office's nightly match, from snapshot to released offers.
///
/// The pipeline, top to bottom:
/// 1. take an advisory lock on (office, date): a second start returns `.alreadyRunning`;
///    a night with a committed run returns `.alreadyDone` unless `rerun` is set;
/// 2. snapshot the inputs in one repeatable-read transaction (`SnapshotReader`);
/// 3. build, solve, verify and explain with MatchCore (`EngineRun`);
/// 4. release only a verified result: otherwise record a failed run and create no offer;
/// 5. write run, snapshot, assignments and offers in one transaction (`RunWriter`).
///
/// Nothing is written before step 5 commits, so a run killed anywhere leaves no trace but
/// its lock, which PostgreSQL drops with the connection; running the night again reads the
/// same snapshot with the same seed and gives the same offers.
public struct NightlyJob: Sendable {
    let database: Database

    /// `database` should run as the application role.
    public init(database: Database) {
        self.database = database
    }

    public func run(officeCode: String, options: NightlyOptions) async throws -> NightlyOutcome {
        guard options.date.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else { throw NightlyError.invalidDate(options.date) }
        return try await withRetry(options) {
            try await database.client.withConnection { connection in
                try await runLocked(officeCode: officeCode, options: options, on: connection)
            }
        }
    }

    private func runLocked(officeCode: String, options: NightlyOptions, on connection: PostgresConnection) async throws -> NightlyOutcome {
        let store = RunStore(connection: connection, logger: database.logger)
        let office = try await store.office(code: officeCode)
        let key = "\(office.code)|\(options.date)"
        let locked = try await connection.queryOpen("SELECT pg_try_advisory_lock(7300, hashtext(\(key)))", logger: database.logger)
        var acquired = false
        for try await value in locked.decode(Bool.self) { acquired = value }
        guard acquired else { return .alreadyRunning }
        do {
            let outcome = try await runUnderLock(office: office, options: options, store: store, on: connection)
            _ = try await connection.queryOpen("SELECT pg_advisory_unlock(7300, hashtext(\(key)))", logger: database.logger)
            return outcome
        } catch {
            _ = try? await connection.queryOpen("SELECT pg_advisory_unlock(7300, hashtext(\(key)))", logger: database.logger)
            throw error
        }
    }

    private func runUnderLock(
        office: NightlySnapshot.Office, options: NightlyOptions, store: RunStore, on connection: PostgresConnection
    ) async throws -> NightlyOutcome {
        let existing = try await store.committedRun(officeID: office.id, date: options.date)
        if let existing, !options.rerun, !options.dryRun { return .alreadyDone(runID: existing) }
        // A rerun, and a what-if on a night that already ran, see the market as it was before
        // that night's run: its open offers are treated as withdrawn, accepted ones stay.
        let startedAt = Date()
        let seed = NightlySeed.derive(officeCode: office.code, date: options.date)
        options.progress("snapshot: reading office \(office.code) for \(options.date)")
        var timer = PhaseTimer()
        // The second reading connection comes from the same pool while this one is held: a
        // pool of two (the API's what-if pool) could then deadlock two concurrent runs.
        let secondReader = database.maxConnections >= Self.connectionsForSplitRead ? database.client : nil
        var reader = SnapshotReader(connection: connection, client: secondReader, logger: database.logger)
        reader.progress = options.progress
        let snapshot = try await reader.read(office: office, supersededRun: options.rerun || options.dryRun ? existing : nil)
        timer.lap("snapshot")
        let snapshotSeconds = timer.phases["snapshot"] ?? 0
        func failed(_ reasons: [String], hash: String = "", solver: String = "none") async throws -> NightlyOutcome {
            guard !options.dryRun else { return .failed(runID: nil, reasons: reasons) }
            let record = RunRecord(officeID: office.id, officeCode: office.code, date: options.date, seed: seed,
                                   policyID: snapshot.policy.id, solver: solver, startedAt: startedAt, summary: NightlySummary())
            let runID = try await store.recordFailure(record, snapshotHash: hash.isEmpty ? Self.hash(reasons) : hash, reasons: reasons)
            return .failed(runID: runID, reasons: reasons)
        }
        guard snapshot.rejected.isEmpty else { return try await failed(snapshot.rejected.map(\.description)) }
        let engine: EngineRun
        do {
            engine = try EngineRun(snapshot: snapshot, seed: seed, snapshotSeconds: snapshotSeconds, progress: options.progress)
        } catch {
            return try await failed(["the engine rejected the input at \(error.pointer): \(error.message)"])
        }
        guard engine.violations.isEmpty else {
            return try await failed(["the verifier found \(engine.violations.count) violation(s)"] + engine.violations,
                                    hash: await engine.encodedSnapshot.value.hash, solver: engine.solverName)
        }
        if options.dryRun {
            let report = NightlyReport(snapshotHash: await engine.encodedSnapshot.value.hash, seed: seed,
                                       policyVersion: snapshot.policy.version, summary: engine.summary, offers: engine.offers.count)
            return .dryRun(report: report, difference: try await difference(engine, office: office, night: existing, store: store))
        }
        options.progress("writing and explaining \(engine.offers.count) offers")
        var writeTimer = PhaseTimer()
        var summary = engine.summary
        let record = RunRecord(officeID: office.id, officeCode: office.code, date: options.date, seed: seed, policyID: snapshot.policy.id,
                               solver: engine.solverName, startedAt: startedAt, summary: summary)
        var writer = RunWriter(connection: connection, logger: database.logger)
        writer.progress = options.progress
        writer.snapshotPartBytes = options.snapshotPartBytes
        let (runID, snapshotHash) = try await writer
            .commit(record, engine: engine, offerDays: snapshot.policy.offerDays, superseding: options.rerun ? existing : nil,
                    actor: options.actor, pauseBeforeCommit: options.pauseBeforeCommit)
        writeTimer.lap("write")
        summary.phaseSeconds["write"] = writeTimer.phases["write"]
        try await connection.queryOpen(
            "UPDATE match_runs SET summary = jsonb_set(summary, '{phaseSeconds,write}', to_jsonb(\(summary.phaseSeconds["write"] ?? 0))) WHERE id = \(runID)",
            logger: database.logger
        )
        return .committed(runID: runID, report: NightlyReport(
            snapshotHash: snapshotHash, seed: seed, policyVersion: snapshot.policy.version, summary: summary,
            offers: engine.offers.count
        ))
    }

    /// Compares with the night's own committed run when there is one, else the newest.
    private func difference(
        _ engine: EngineRun, office: NightlySnapshot.Office, night: Int64?, store: RunStore
    ) async throws -> RunDifference {
        guard let last = try await store.lastCommittedAssignments(officeID: office.id, preferring: night) else { return RunDifference() }
        var difference = RunDifference(comparedRunID: last.runID)
        var now: [Int64: Int64] = [:]
        for offer in engine.offers { now[offer.candidateID] = offer.vacancyID }
        for (candidate, vacancy) in now {
            switch last.assignments[candidate] {
            case .none: difference.newlyPlaced += 1
            case .some(vacancy): difference.unchanged += 1
            case .some: difference.moved += 1
            }
        }
        difference.noLongerPlaced = last.assignments.keys.filter { now[$0] == nil }.count
        return difference
    }

    /// Retries the whole job when the connection is lost; safe because nothing is written
    /// before the final commit, and a commit that did land is found as `.alreadyDone`.
    private func withRetry(_ options: NightlyOptions, _ body: () async throws -> NightlyOutcome) async throws -> NightlyOutcome {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch let error as PSQLError where attempt < 3 && Self.isConnectionLoss(error) {
                options.progress("lost the database connection (\(error.code)); retrying, attempt \(attempt + 1) of 3")
                try await Task.sleep(for: .seconds(attempt))
                attempt += 1
            } catch let error as ConnectionLost where attempt < 3 {
                options.progress("\(error); retrying, attempt \(attempt + 1) of 3")
                try await Task.sleep(for: .seconds(attempt))
                attempt += 1
            }
        }
    }

    /// Pools smaller than this read the candidates on one connection (see `SnapshotReader`).
    static let connectionsForSplitRead = 4

    static func isConnectionLoss(_ error: PSQLError) -> Bool {
        [.connectionError, .serverClosedConnection, .uncleanShutdown].contains(error.code)
            || error.serverInfo?[.sqlState]?.hasPrefix("57P") == true  // admin shutdown, crash shutdown
    }

    private static func hash(_ reasons: [String]) -> String {
        EngineRun.sha256Hex(Array(reasons.joined(separator: "\n").utf8))
    }
}
