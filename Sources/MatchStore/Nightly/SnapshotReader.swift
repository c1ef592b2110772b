import Logging
import MatchCore
import PostgresNIO

/// Reads one office's nightly inputs in a single REPEATABLE READ transaction, so that every
/// query sees the same instant: open vacancies with their free seats, the candidates who
/// can be matched, their frozen rankings and the policy version.
///
/// Free seats are seats minus accepted offers minus pending offers still open (a pending
/// offer holds its seat until answered). Candidates holding an accepted or an open pending
/// offer are not re-matched. Pending offers of `supersededRun` are treated as withdrawn,
/// because a rerun replaces them.
struct SnapshotReader {
    let connection: PostgresConnection
    let logger: Logger

    var progress: @Sendable (String) -> Void = { _ in }

    func read(office: NightlySnapshot.Office, supersededRun: Int64?) async throws -> NightlySnapshot {
        try await connection.queryOpen("BEGIN ISOLATION LEVEL REPEATABLE READ", logger: logger)
        do {
            // Measured at 1M candidates: JIT compilation of these one-off queries cost more
            // than it saved (16 s instead of 26 s without it), and the default 4 MB work_mem
            // sent every sort of a million rankings to disk. Parallel workers would compete
            // for the same two cores with this job decoding the rows.
            try await connection.queryOpen("SET LOCAL jit = off", logger: logger)
            try await connection.queryOpen("SET LOCAL max_parallel_workers_per_gather = 0", logger: logger)
            try await connection.queryOpen("SET LOCAL work_mem = '256MB'", logger: logger)
            let snapshot = try await readInTransaction(office: office, supersededRun: supersededRun)
            try await connection.queryOpen("COMMIT", logger: logger)
            return snapshot
        } catch {
            _ = try? await connection.queryOpen("ROLLBACK", logger: logger)
            throw error
        }
    }

    private func readInTransaction(office: NightlySnapshot.Office, supersededRun: Int64?) async throws -> NightlySnapshot {
        guard let policy = try await PolicyStore.current(officeID: office.id, on: connection, logger: logger) else {
            throw NightlyError.noPolicy(office.code)
        }
        let clock = ContinuousClock()
        var start = clock.now
        func lap(_ what: String) {
            progress("snapshot: \(what) (\(clock.now - start))")
            start = clock.now
        }
        try await stageVacancyScope(officeID: office.id, supersededRun: supersededRun ?? -1)
        lap("vacancy scope staged")
        var rejected: [NightlySnapshot.RejectedRow] = []
        let vacancies = try await VacancySnapshotReader(connection: connection, logger: logger).read(rejected: &rejected)
        lap("\(vacancies.count) vacancies read")
        let candidates = try await CandidateSnapshotReader(connection: connection, logger: logger)
            .read(positions: VacancyPositions(vacancies.map(\.id)), supersededRun: supersededRun ?? -1,
                  rejected: &rejected)
        lap("\(candidates.count) candidates read")
        return NightlySnapshot(office: office, policy: policy, vacancies: vacancies, candidates: candidates, rejected: rejected)
    }

    /// Stages the in-scope vacancy ids in a temporary table, so the vacancy queries join it
    /// instead of repeating the scope. (The candidates' scope is part of their one query.)
    private func stageVacancyScope(officeID: Int64, supersededRun: Int64) async throws {
        try await connection.queryOpen(
            """
            CREATE TEMP TABLE nightly_vacancies (id bigint PRIMARY KEY, free integer NOT NULL) ON COMMIT DROP
            """,
            logger: logger
        )
        try await connection.queryOpen(
            """
            INSERT INTO nightly_vacancies (id, free)
            SELECT v.id, v.seats - coalesce(h.held, 0)
            FROM vacancies v
            JOIN centres c ON c.id = v.centre_id
            LEFT JOIN (SELECT vacancy_id, count(*) AS held FROM offers
                       WHERE state = 'accepted' OR (state = 'pending' AND run_id <> \(supersededRun))
                       GROUP BY vacancy_id) h ON h.vacancy_id = v.id
            WHERE c.office_id = \(officeID) AND v.status = 'open' AND v.seats - coalesce(h.held, 0) > 0
            """,
            logger: logger
        )
        // Temporary tables have no statistics until analysed; without them the planner
        // guesses their size and joins a million rankings by nested loops.
        try await connection.queryOpen("ANALYZE nightly_vacancies", logger: logger)
    }
}
