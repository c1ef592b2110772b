import Foundation
import Logging
import PostgresNIO

/// The SQL of match runs on the connection of a night: the office, its lock, earlier runs and
/// failures. (`RunWriter` commits a run; `SnapshotReader` reads a night's inputs.)
struct RunStore {
    let connection: PostgresConnection
    let logger: Logger

    /// Rows per UNNEST statement: large enough to amortise round trips, small enough to keep
    /// each bind array a few megabytes.
    static let batchSize = 20_000

    func office(code: String) async throws -> NightlySnapshot.Office {
        let rows = try await connection.queryOpen("SELECT id, code, name, region_code, status FROM offices WHERE code = \(code)", logger: logger)
        for try await (id, code, name, region, status) in rows.decode((Int64, String, String, String, String).self) {
            guard status == "active" else { throw NightlyError.officeClosed(code) }
            return .init(id: id, code: code, name: name, region: region)
        }
        throw NightlyError.unknownOffice(code)
    }

    /// Takes the advisory lock of one office's night for this session; false when another holds it.
    func tryLock(_ key: String) async throws -> Bool {
        let rows = try await connection.queryOpen("SELECT pg_try_advisory_lock(7300, hashtext(\(key)))", logger: logger)
        for try await acquired in rows.decode(Bool.self) { return acquired }
        return false
    }

    func unlock(_ key: String) async throws {
        try await connection.queryOpen("SELECT pg_advisory_unlock(7300, hashtext(\(key)))", logger: logger)
    }

    func recordWriteSeconds(_ seconds: Double, runID: Int64) async throws {
        try await connection.queryOpen(
            "UPDATE match_runs SET summary = jsonb_set(summary, '{phaseSeconds,write}', to_jsonb(\(seconds))) WHERE id = \(runID)",
            logger: logger
        )
    }

    func committedRun(officeID: Int64, date: String) async throws -> Int64? {
        let rows = try await connection.queryOpen(
            "SELECT id FROM match_runs WHERE office_id = \(officeID) AND run_date = \(date)::date AND status = 'committed'",
            logger: logger
        )
        for try await id in rows.decode(Int64.self) { return id }
        return nil
    }

    /// Candidate → vacancy of `preferred`, or else of the newest committed run of the office,
    /// for what-if comparisons.
    func lastCommittedAssignments(officeID: Int64, preferring preferred: Int64? = nil) async throws -> (runID: Int64, assignments: [Int64: Int64])? {
        var runID = preferred
        if runID == nil {
            let runs = try await connection.queryOpen(
                "SELECT id FROM match_runs WHERE office_id = \(officeID) AND status = 'committed' ORDER BY run_date DESC, id DESC LIMIT 1",
                logger: logger
            )
            for try await id in runs.decode(Int64.self) { runID = id }
        }
        guard let runID else { return nil }
        let rows = try await connection.queryOpen("SELECT candidate_id, vacancy_id FROM offers WHERE run_id = \(runID)", logger: logger)
        var assignments: [Int64: Int64] = [:]
        for try await (candidate, vacancy) in rows.decode((Int64, Int64).self) { assignments[candidate] = vacancy }
        return (runID, assignments)
    }

    /// Records a run that was not released, with its reasons; no offer is created.
    func recordFailure(_ run: RunRecord, snapshotHash: String, reasons: [String]) async throws -> Int64 {
        // One statement, so that the staff's message about the failed night commits with it.
        let rows = try await connection.queryOpen(
            """
            WITH failed AS (
                INSERT INTO match_runs (office_id, run_date, status, seed, policy_id, snapshot_hash, solver, solver_version,
                                        started_at, failure, summary)
                VALUES (\(run.officeID), \(run.date)::date, 'failed', \(Int64(bitPattern: run.seed)), \(run.policyID), \(snapshotHash),
                        \(run.solver), \(RunRecord.solverVersion), \(run.startedAt), \(reasons.joined(separator: "\n")),
                        \(run.summaryJSON)::jsonb)
                RETURNING id, office_id
            ),
            told AS (\(unescaped: OutboxWrites.nightResultOf("failed")))
            SELECT id FROM failed
            """,
            logger: logger
        )
        for try await id in rows.decode(Int64.self) { return id }
        return 0
    }
}
