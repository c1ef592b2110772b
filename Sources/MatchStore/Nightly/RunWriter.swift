import Foundation
import Logging
import PostgresNIO

/// Commits a run: the run row, its snapshot, assignments and offers, all in one transaction,
/// so a run killed at any point leaves no partial offers. Bulk rows go through UNNEST arrays.
struct RunWriter {
    let connection: PostgresConnection
    let logger: Logger
    var progress: @Sendable (String) -> Void = { _ in }
    var snapshotPartBytes = 8 << 20

    func commit(
        _ run: RunRecord, engine: EngineRun, offerDays: Int, superseding oldRun: Int64?, actor: String,
        pauseBeforeCommit: Duration? = nil
    ) async throws -> Int64 {
        try await connection.queryOpen("BEGIN", logger: logger)
        do {
            let runID = try await write(run, engine: engine, offerDays: offerDays, superseding: oldRun, actor: actor)
            if let pauseBeforeCommit { try await Task.sleep(for: pauseBeforeCommit) }
            try await connection.queryOpen("COMMIT", logger: logger)
            return runID
        } catch {
            _ = try? await connection.queryOpen("ROLLBACK", logger: logger)
            throw error
        }
    }

    private func write(
        _ run: RunRecord, engine: EngineRun, offerDays: Int, superseding oldRun: Int64?, actor: String
    ) async throws -> Int64 {
        let reason = oldRun == nil ? "nightly match \(run.date)" : "superseded by a rerun of \(run.date)"
        try await connection.queryOpen(
            "SELECT set_config('talentmatch.actor', \(actor), true), set_config('talentmatch.reason', \(reason), true)",
            logger: logger
        )
        let runID = try await nextRunID()
        if let oldRun {
            try await connection.queryOpen("UPDATE offers SET state = 'withdrawn' WHERE run_id = \(oldRun) AND state = 'pending'", logger: logger)
            try await connection.queryOpen(
                "UPDATE match_runs SET status = 'superseded', superseded_by = \(runID) WHERE id = \(oldRun)", logger: logger
            )
        }
        let clock = ContinuousClock()
        var start = clock.now
        try await insertRun(runID, run, engine: engine, actor: actor, reason: "nightly match \(run.date)")
        progress("write: run and its \(engine.instanceBytes.count)-byte snapshot (\(clock.now - start))")
        start = clock.now
        try await insertOffers(runID, engine.placements, offerDays: offerDays)
        progress("write: \(engine.placements.count) offers (\(clock.now - start))")
        try await AuditLog.record(
            actor: actor, action: oldRun == nil ? "nightly.commit" : "nightly.rerun",
            subject: "office \(run.officeCode) run \(runID) for \(run.date)",
            details: ["offers": "\(engine.placements.count)", "snapshot": run.snapshotHash, "supersedes": oldRun.map(String.init) ?? ""],
            on: connection, logger: logger
        )
        return runID
    }

    private func nextRunID() async throws -> Int64 {
        let rows = try await connection.queryOpen("SELECT nextval(pg_get_serial_sequence('match_runs', 'id'))", logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        return 0
    }

    private func insertRun(_ runID: Int64, _ run: RunRecord, engine: EngineRun, actor: String, reason: String) async throws {
        let verification = engine.violations.isEmpty ? "{\"stable\": true, \"violations\": []}" : "{\"stable\": false}"
        try await connection.queryOpen(
            """
            INSERT INTO match_runs (id, office_id, run_date, status, seed, policy_id, snapshot_hash, solver, solver_version,
                                    started_at, verification, counts, summary, committed_by, commit_reason)
            OVERRIDING SYSTEM VALUE
            VALUES (\(runID), \(run.officeID), \(run.date)::date, 'committed', \(Int64(bitPattern: run.seed)), \(run.policyID),
                    \(run.snapshotHash), \(run.solver), \(RunRecord.solverVersion), \(run.startedAt), \(verification)::jsonb,
                    jsonb_build_object('offers', \(engine.placements.count), 'candidates', \(run.summary.candidates),
                                       'seats', \(run.summary.seats)),
                    \(run.summaryJSON)::jsonb, \(actor), \(reason))
            """,
            logger: logger
        )
        try await insertSnapshot(runID, engine.instanceBytes)
    }

    /// The snapshot in parts of `snapshotPartBytes`: each part is one bind, so the writer
    /// holds one small copy at a time instead of the whole document twice more.
    private func insertSnapshot(_ runID: Int64, _ bytes: [UInt8]) async throws {
        precondition(snapshotPartBytes > 0, "a snapshot part holds at least one byte")
        for (part, start) in stride(from: 0, to: max(bytes.count, 1), by: snapshotPartBytes).enumerated() {
            var buffer = ByteBuffer()
            buffer.writeBytes(bytes[start..<min(start + snapshotPartBytes, bytes.count)])
            try await connection.queryOpen(
                "INSERT INTO match_run_snapshots (run_id, part, instance) VALUES (\(runID), \(part), \(buffer))", logger: logger
            )
        }
    }

    /// One statement per batch: the run's creation record and the statement-level checks of
    /// migration 0012 cover every row at once (see ADR 0021). The next batch's binds (about
    /// 18 MB of explanations each) are encoded on another thread while the server inserts
    /// the current one, so neither side waits for the other.
    private func insertOffers(_ runID: Int64, _ placements: [EngineRun.Placement], offerDays: Int) async throws {
        let starts = Array(stride(from: 0, to: placements.count, by: RunStore.batchSize))
        func encode(_ index: Int) -> Task<PostgresQuery, Never> {
            let batch = Array(placements[starts[index]..<min(starts[index] + RunStore.batchSize, placements.count)])
            return Task.detached { Self.offersInsert(runID, batch, offerDays: offerDays) }
        }
        var next = starts.isEmpty ? nil : encode(0)
        for index in starts.indices {
            guard let current = next else { break }
            let query = await current.value
            next = index + 1 < starts.count ? encode(index + 1) : nil
            try await connection.queryOpen(query, logger: logger)
        }
    }

    private static func offersInsert(_ runID: Int64, _ placements: [EngineRun.Placement], offerDays: Int) -> PostgresQuery {
        """
        INSERT INTO offers (run_id, candidate_id, vacancy_id, choice_rank, score, deadline, explanation)
        SELECT \(runID), c, v, r, NULLIF(s, 'NaN'::float8), now() + make_interval(days => \(offerDays)::int), e::json
        FROM UNNEST(\(placements.map(\.candidateID))::int8[], \(placements.map(\.vacancyID))::int8[],
                    \(placements.map(\.choiceRank))::int[], \(placements.map { $0.score ?? .nan })::float8[],
                    \(placements.map(\.explanation))::text[]) AS o(c, v, r, s, e)
        """
    }
}
