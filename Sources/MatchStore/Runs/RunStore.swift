import Foundation
import Logging
import MatchCore
import PostgresNIO

/// A committed run's placements, for a what-if to compare with.
public struct CommittedAssignments: Sendable {
    public let runID: Int64
    /// Candidate → vacancy.
    public let assignments: [Int64: Int64]
    /// The run's seed (a what-if draws the same lottery, so only the policy differs).
    public let seed: UInt64
}

/// The SQL of match runs on the connection of a night: the market, its lock, earlier runs and
/// failures, and the parts of a run beside its row. (`RunWriter` commits a run;
/// `SnapshotReader` reads a night's inputs.)
struct RunStore {
    let connection: PostgresConnection
    let logger: Logger

    /// Rows per UNNEST statement: large enough to amortise round trips, small enough to keep
    /// each bind array a few megabytes.
    static let batchSize = 20_000

    func market(_ choice: MarketChoice) async throws -> NightlySnapshot.Market {
        let query: PostgresQuery = switch choice {
        case .only: "SELECT id, code, name FROM markets ORDER BY code"
        case .code(let code): "SELECT id, code, name FROM markets WHERE code = \(code)"
        case .ofOffice(let code): "SELECT m.id, m.code, m.name FROM markets m JOIN offices o ON o.market_id = m.id WHERE o.code = \(code)"
        }
        if case .ofOffice(let code) = choice { try await checkOffice(code) }
        let rows = try await connection.queryOpen(query, logger: logger)
        var found: [NightlySnapshot.Market] = []
        for try await (id, code, name) in rows.decode((Int64, String, String).self) { found.append(.init(id: id, code: code, name: name)) }
        switch (choice, found.count) {
        case (_, 1): return found[0]
        case (.only, 0): throw NightlyError.unknownMarket("main")
        case (.only, _): throw NightlyError.severalMarkets(found.map(\.code))
        case (.code(let code), _): throw NightlyError.unknownMarket(code)
        case (.ofOffice(let code), _): throw NightlyError.unknownOffice(code)
        }
    }

    /// A night named by an office needs an office that exists and is open.
    private func checkOffice(_ code: String) async throws {
        let rows = try await connection.queryOpen("SELECT status FROM offices WHERE code = \(code)", logger: logger)
        for try await status in rows.decode(String.self) {
            guard status == "active" else { throw NightlyError.officeClosed(code) }
            return
        }
        throw NightlyError.unknownOffice(code)
    }

    /// Takes the advisory lock of one market's night for this session; false when another holds it.
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

    /// How the night's couples phase ended (migration 0111), once the run is recorded.
    func recordCouples(_ count: Int, settlement: String, runID: Int64) async throws {
        try await connection.queryOpen(
            "UPDATE match_runs SET couples = \(count), couples_settlement = \(settlement) WHERE id = \(runID)", logger: logger
        )
    }

    func committedRun(marketID: Int64, date: String) async throws -> Int64? {
        let rows = try await connection.queryOpen(
            """
            SELECT id FROM match_runs
            WHERE market_id = \(marketID) AND office_id IS NULL AND run_date = \(date)::date AND status = 'committed'
            """,
            logger: logger
        )
        for try await id in rows.decode(Int64.self) { return id }
        return nil
    }

    /// Candidate → vacancy of `preferred`, or else of the market's newest committed run.
    func lastCommittedAssignments(marketID: Int64, preferring preferred: Int64? = nil) async throws -> CommittedAssignments? {
        let runs = try await connection.queryOpen(
            """
            SELECT id, seed FROM match_runs
            WHERE market_id = \(marketID) AND office_id IS NULL AND status = 'committed' AND (\(preferred)::int8 IS NULL OR id = \(preferred))
            ORDER BY run_date DESC, id DESC LIMIT 1
            """,
            logger: logger
        )
        var found: (id: Int64, seed: Int64)?
        for try await row in runs.decode((Int64, Int64).self) { found = row }
        guard let found else { return nil }
        let rows = try await connection.queryOpen("SELECT candidate_id, vacancy_id FROM offers WHERE run_id = \(found.id)", logger: logger)
        var assignments: [Int64: Int64] = [:]
        for try await (candidate, vacancy) in rows.decode((Int64, Int64).self) { assignments[candidate] = vacancy }
        return CommittedAssignments(runID: found.id, assignments: assignments, seed: UInt64(bitPattern: found.seed))
    }

    /// Records a run that was not released, with its reasons, its offices' parts and its
    /// left-out posts; no offer is created. The freeze is released and the secret revealed.
    func recordFailure(_ run: RunRecord, snapshotHash: String, reasons: [String]) async throws -> Int64 {
        let rows = try await connection.queryOpen(
            """
            INSERT INTO match_runs (market_id, run_date, status, seed, seed_commitment, seed_secret, snapshot_hash, solver,
                                    solver_version, started_at, failure, summary)
            VALUES (\(run.marketID), \(run.date)::date, 'failed', \(Int64(bitPattern: run.seed)), \(run.freeze.lottery.commitment),
                    \(run.freeze.lottery.secretHex), \(snapshotHash), \(run.solver), \(RunRecord.solverVersion), \(run.startedAt),
                    \(reasons.joined(separator: "\n")), \(run.summaryJSON)::jsonb)
            RETURNING id
            """,
            logger: logger
        )
        var runID: Int64 = 0
        for try await id in rows.decode(Int64.self) { runID = id }
        try await insertParts(runID, run)
        try await MarketFreezes(connection: connection, logger: logger).release(run.freeze.id, secret: run.freeze.lottery.secretHex, runID: runID)
        // The staff of each office in the market are told, in the transaction that records the failure.
        try await OutboxWrites.nightResult(runID: runID, on: connection, logger: logger)
        return runID
    }

    /// Each office's part of a run and the posts it left out, beside the run's row.
    func insertParts(_ runID: Int64, _ run: RunRecord) async throws {
        let parts = run.offices
        try await connection.queryOpen(
            """
            INSERT INTO match_run_offices (run_id, office_id, policy_id, summary)
            SELECT \(runID), o, NULLIF(p, 0), s::jsonb
            FROM UNNEST(\(parts.map(\.officeID))::int8[], \(parts.map { $0.policyID ?? 0 })::int8[],
                        \(parts.map { RunRecord.json($0.summary) })::text[]) AS u(o, p, s)
            """,
            logger: logger
        )
        let cells = parts.flatMap { part in part.parity.map { (part.officeID, $0) } }
        if !cells.isEmpty {
            try await connection.queryOpen(
                """
                INSERT INTO match_run_parity (run_id, office_id, dimension, key, applicants, placed, choice_sum)
                SELECT \(runID), o, d, k, a, p, c
                FROM UNNEST(\(cells.map { $0.0 })::int8[], \(cells.map { $0.1.dimension.rawValue })::text[], \(cells.map { $0.1.key })::text[],
                            \(cells.map { $0.1.applicants })::int4[], \(cells.map { $0.1.placed })::int4[], \(cells.map { Int64($0.1.choiceSum) })::int8[])
                    AS u(o, d, k, a, p, c)
                """,
                logger: logger
            )
        }
        let left = run.exclusions
        try await connection.queryOpen(
            """
            INSERT INTO match_run_exclusions (run_id, run_date, vacancy_id, reason, detail)
            SELECT \(runID), \(run.date)::date, v, r, d
            FROM UNNEST(\(left.map(\.vacancyID))::int8[], \(left.map(\.reason.rawValue))::text[], \(left.map(\.detail))::text[]) AS u(v, r, d)
            """,
            logger: logger
        )
    }
}
