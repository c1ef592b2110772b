import Foundation
import Logging
import MatchCore
import PostgresNIO

/// Commits a market's run: the run row, each office's part, the posts left out, its offers and
/// snapshot, and the lottery's revealed secret, all in one transaction, so a run killed at any
/// point leaves no partial offers and no revealed secret. Bulk rows go through UNNEST arrays.
///
/// The order inside the transaction follows what is ready first. The run row goes in before
/// its offers (their statement-level check names it) but its snapshot hash is known only
/// when the encoding on the other thread finishes, so the row starts with a placeholder hash
/// that nobody outside the transaction can see, and the real one replaces it just before the
/// snapshot itself is stored.
struct RunWriter {
    let connection: PostgresConnection
    let logger: Logger
    let options: RunWriteOptions

    func commit(
        _ run: RunRecord, release: RunRelease, superseding oldRun: Int64?, actor: String
    ) async throws -> (runID: Int64, snapshotHash: String) {
        let reason = oldRun == nil ? "nightly match \(run.date)" : "superseded by a rerun of \(run.date)"
        return try await connection.transaction(.attributed(to: actor, reason: reason), logger: logger) {
            try await write(run, release: release, superseding: oldRun, actor: actor)
        }
    }

    private func write(
        _ run: RunRecord, release: RunRelease, superseding oldRun: Int64?, actor: String
    ) async throws -> (runID: Int64, snapshotHash: String) {
        let runID = try await nextRunID()
        var withdrawn: [Int64] = []
        if let oldRun {
            withdrawn = try await OfferWrites.withdrawPending(ofRun: oldRun, on: connection, logger: logger)
            try await connection.queryOpen(
                "UPDATE match_runs SET status = 'superseded', superseded_by = \(runID) WHERE id = \(oldRun)", logger: logger
            )
        }
        var clock = PhaseClock()
        try await insertRun(runID, run, release: release, actor: actor, reason: "nightly match \(run.date)")
        let store = RunStore(connection: connection, logger: logger)
        try await store.insertParts(runID, run)
        try await MarketFreezes(connection: connection, logger: logger).release(run.freeze.id, secret: run.freeze.lottery.secretHex, runID: runID)
        try await OutboxWrites.nightResult(runID: runID, on: connection, logger: logger)
        try await OutboxWrites.releasedOffers(runID: runID, on: connection, logger: logger)
        try await insertOffers(runID, release, night: run.date)
        try await insertCutoffs(runID, release.cutoffs())
        // A couple's two offers are linked (migration 0112, ADR 0041).
        try await connection.queryOpen("SELECT link_couple_offers(\(runID))", logger: logger)
        if !withdrawn.isEmpty {
            try await OutboxWrites.supersededOffers(withdrawn, by: runID, on: connection, logger: logger)
        }
        options.progress("write: \(release.offerCount) offers, explained alongside (\(clock.lapDescription("offers")))")
        let snapshot = await release.encodedSnapshot.value
        try await connection.queryOpen("UPDATE match_runs SET snapshot_hash = \(snapshot.hash) WHERE id = \(runID)", logger: logger)
        try await insertSnapshot(runID, snapshot.bytes)
        options.progress("write: the \(snapshot.bytes.count)-byte snapshot (encoded and hashed in \(snapshot.duration) beside the engine, stored in \(clock.lapDescription("snapshot")))")
        try await AuditLog.record(
            actor: actor, action: oldRun == nil ? "nightly.commit" : "nightly.rerun",
            subject: "market \(run.marketCode) run \(runID) for \(run.date)",
            details: ["offers": "\(release.offerCount)", "snapshot": snapshot.hash, "supersedes": oldRun.map(String.init) ?? "",
                      "lottery": run.freeze.lottery.commitment, "excluded": "\(run.exclusions.count)"],
            on: connection, logger: logger
        )
        return (runID, snapshot.hash)
    }

    /// One cutoff per post of the night, one statement (ADR 0037).
    private func insertCutoffs(_ runID: Int64, _ cutoffs: RunRelease.Cutoffs) async throws {
        guard !cutoffs.vacancyIDs.isEmpty else { return }
        try await connection.queryOpen(
            """
            INSERT INTO run_cutoffs (run_id, vacancy_id, score, rank)
            SELECT \(runID), v, NULLIF(s, 'NaN'::float8), NULLIF(r, 0)
            FROM UNNEST(\(cutoffs.vacancyIDs)::int8[], \(cutoffs.scores)::float8[], \(cutoffs.ranks)::int[]) AS c(v, s, r)
            """,
            logger: logger
        )
    }

    private func nextRunID() async throws -> Int64 {
        let rows = try await connection.queryOpen("SELECT nextval(pg_get_serial_sequence('match_runs', 'id'))", logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        return 0
    }

    private func insertRun(_ runID: Int64, _ run: RunRecord, release: RunRelease, actor: String, reason: String) async throws {
        let verification = release.verifierViolations == 0 ? "{\"stable\": true, \"violations\": []}" : "{\"stable\": false}"
        try await connection.queryOpen(
            """
            INSERT INTO match_runs (id, market_id, run_date, status, seed, seed_commitment, seed_secret, snapshot_hash, solver,
                                    solver_version, started_at, verification, counts, summary, committed_by, commit_reason)
            OVERRIDING SYSTEM VALUE
            VALUES (\(runID), \(run.marketID), \(run.date)::date, 'committed', \(Int64(bitPattern: run.seed)),
                    \(run.freeze.lottery.commitment), \(run.freeze.lottery.secretHex),
                    \(RunRecord.pendingSnapshotHash), \(run.solver), \(RunRecord.solverVersion), \(run.startedAt), \(verification)::jsonb,
                    jsonb_build_object('offers', \(release.offerCount), 'candidates', \(run.summary.candidates),
                                       'seats', \(run.summary.seats)),
                    \(run.summaryJSON)::jsonb, \(actor), \(reason))
            """,
            logger: logger
        )
    }

    /// The snapshot in parts of `snapshotPartBytes`: each part is one bind, so the writer
    /// holds one small copy at a time instead of the whole document twice more.
    private func insertSnapshot(_ runID: Int64, _ bytes: [UInt8]) async throws {
        let partBytes = options.snapshotPartBytes
        for (part, start) in stride(from: 0, to: max(bytes.count, 1), by: partBytes).enumerated() {
            var buffer = ByteBuffer()
            buffer.writeBytes(bytes[start..<min(start + partBytes, bytes.count)])
            try await connection.queryOpen(
                "INSERT INTO match_run_snapshots (run_id, part, instance) VALUES (\(runID), \(part), \(buffer))", logger: logger
            )
        }
    }

    /// One statement per batch: the run's creation record and the statement-level checks of
    /// migration 0012 cover every row at once (see ADR 0021). Batches ahead of the one the
    /// server is inserting are explained and encoded on other threads (about 18 MB of binds
    /// each), so neither side waits for the other.
    private func insertOffers(_ runID: Int64, _ release: RunRelease, night: String) async throws {
        let batches = stride(from: 0, to: release.offerCount, by: RunStore.batchSize).map {
            $0..<min($0 + RunStore.batchSize, release.offerCount)
        }
        func prepare(_ index: Int) -> Task<PostgresQuery, Never> {
            let range = batches[index]
            return Task { await ParallelWork.offThePool { OfferWrites.insert(runID: runID, release.placements(range), night: night) } }
        }
        var ahead = batches.indices.prefix(Self.batchesAhead).map(prepare)
        for index in batches.indices {
            let query = await ahead.removeFirst().value
            if index + Self.batchesAhead < batches.count { ahead.append(prepare(index + Self.batchesAhead)) }
            try await connection.queryOpen(query, logger: logger)
        }
    }

    /// Two: one batch's explanations take about as long as the server's insert of another,
    /// and the second keeps the job's other core busy while the snapshot encoding finishes.
    private static let batchesAhead = 2
}
