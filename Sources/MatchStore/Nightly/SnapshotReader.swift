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

    func read(office: NightlySnapshot.Office, supersededRun: Int64?) async throws -> NightlySnapshot {
        try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ", logger: logger)
        do {
            let snapshot = try await readInTransaction(office: office, supersededRun: supersededRun)
            try await connection.query("COMMIT", logger: logger)
            return snapshot
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    private func readInTransaction(office: NightlySnapshot.Office, supersededRun: Int64?) async throws -> NightlySnapshot {
        guard let policy = try await PolicyStore.current(officeID: office.id, on: connection, logger: logger) else {
            throw NightlyError.noPolicy(office.code)
        }
        try await stageScope(officeID: office.id, supersededRun: supersededRun ?? -1)
        var rejected: [NightlySnapshot.RejectedRow] = []
        let vacancies = try await VacancySnapshotReader(connection: connection, logger: logger).read(rejected: &rejected)
        let candidates = try await CandidateSnapshotReader(connection: connection, logger: logger).read(rejected: &rejected)
        return NightlySnapshot(office: office, policy: policy, vacancies: vacancies, candidates: candidates, rejected: rejected)
    }

    /// Stages the in-scope vacancy and candidate ids in temporary tables, so the later
    /// queries join them instead of repeating the scope.
    private func stageScope(officeID: Int64, supersededRun: Int64) async throws {
        try await connection.query(
            """
            CREATE TEMP TABLE nightly_vacancies (id bigint PRIMARY KEY, free integer NOT NULL) ON COMMIT DROP
            """,
            logger: logger
        )
        try await connection.query(
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
        try await connection.query(
            "CREATE TEMP TABLE nightly_candidates (id bigint PRIMARY KEY, ranking_id bigint NOT NULL) ON COMMIT DROP",
            logger: logger
        )
        try await connection.query(
            """
            INSERT INTO nightly_candidates (id, ranking_id)
            SELECT c.id, r.id
            FROM candidates c
            JOIN current_rankings r ON r.candidate_id = c.id
            WHERE c.status = 'active'
              AND EXISTS (SELECT 1 FROM candidate_consents k
                          WHERE k.candidate_id = c.id AND k.purpose = 'matching' AND k.withdrawn_at IS NULL)
              AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.candidate_id = c.id
                              AND (o.state = 'accepted' OR (o.state = 'pending' AND o.run_id <> \(supersededRun))))
              AND EXISTS (SELECT 1 FROM ranking_entries e JOIN nightly_vacancies v ON v.id = e.vacancy_id
                          WHERE e.ranking_id = r.id)
            """,
            logger: logger
        )
    }
}
