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
///
/// The candidates are read in two halves by id, the upper one on a second connection whose
/// transaction imports this one's snapshot (`pg_export_snapshot`), so both see the same
/// instant. Measured at 1M candidates, one query kept one server core and one job core
/// busy for 10 s, and the server worked alone for its first 3 s; two halves share the
/// work of both sides across both cores.
struct SnapshotReader {
    let connection: PostgresConnection
    /// Lends the second connection for the upper half of the candidates; nil reads every
    /// candidate on `connection`.
    let client: PostgresClient?
    let logger: Logger

    var progress: @Sendable (String) -> Void = { _ in }

    /// - Parameter draft: a what-if's unstored policy, read in place of the office's current one.
    func read(office: NightlySnapshot.Office, supersededRun: Int64?, draft: PolicyDraft?) async throws -> NightlySnapshot {
        try await connection.transaction(Self.snapshotOptions, logger: logger) {
            try await readInTransaction(office: office, supersededRun: supersededRun, draft: draft)
        }
    }

    /// One tuned REPEATABLE READ transaction: every query of the night sees the same instant.
    private static let snapshotOptions = TransactionOptions(isolation: .repeatableRead, bulkRead: true)

    private func readInTransaction(office: NightlySnapshot.Office, supersededRun: Int64?, draft: PolicyDraft?) async throws -> NightlySnapshot {
        guard let policy = try await PolicyStore.current(officeID: office.id, draft: draft, on: connection, logger: logger) else {
            throw NightlyError.noPolicy(office.code)
        }
        var clock = PhaseClock()
        func lap(_ what: String) {
            progress("snapshot: \(what) (\(clock.lapDescription(what)))")
        }
        try await stageVacancyScope(officeID: office.id, supersededRun: supersededRun ?? -1)
        lap("vacancy scope staged")
        var rejected: [NightlySnapshot.RejectedRow] = []
        let vacancies = try await VacancySnapshotReader(connection: connection, logger: logger).read(rejected: &rejected)
        lap("\(vacancies.count) vacancies read")
        let positions = VacancyPositions(vacancies.map(\.id))
        let candidates = try await readCandidates(positions: positions, supersededRun: supersededRun ?? -1, rejected: &rejected)
        lap("\(candidates.count) candidates read on \(client == nil ? "1 connection" : "2 connections")")
        return NightlySnapshot(office: office, policy: policy, vacancies: vacancies, candidates: candidates, rejected: rejected)
    }
    /// Both halves, in id order: the lower on this connection, the upper on a second one.
    private func readCandidates(
        positions: VacancyPositions, supersededRun: Int64, rejected: inout [NightlySnapshot.RejectedRow]
    ) async throws -> [NightlySnapshot.Candidate] {
        guard let ids = try await candidateIDs() else { return [] }
        guard let client else {
            return try await CandidateSnapshotReader(connection: connection, logger: logger)
                .read(ids: ids, positions: positions, supersededRun: supersededRun, rejected: &rejected)
        }
        let middle = ids.lowerBound + (ids.upperBound - ids.lowerBound) / 2
        let exported = try await exportSnapshot()
        async let upper = readOnSecondConnection(
            client: client, snapshot: exported, ids: (middle + 1)...max(middle + 1, ids.upperBound), positions: positions,
            supersededRun: supersededRun
        )
        var candidates = try await CandidateSnapshotReader(connection: connection, logger: logger)
            .read(ids: ids.lowerBound...middle, positions: positions, supersededRun: supersededRun, rejected: &rejected)
        let (upperCandidates, upperRejected) = try await upper
        candidates.append(contentsOf: upperCandidates)
        rejected.append(contentsOf: upperRejected)
        return candidates
    }

    private func readOnSecondConnection(
        client: PostgresClient, snapshot: String, ids: ClosedRange<Int64>, positions: VacancyPositions, supersededRun: Int64
    ) async throws -> ([NightlySnapshot.Candidate], [NightlySnapshot.RejectedRow]) {
        try await client.withConnection { second in
            var options = Self.snapshotOptions
            options.importedSnapshot = snapshot
            return try await second.transaction(options, logger: logger) {
                var rejected: [NightlySnapshot.RejectedRow] = []
                let candidates = try await CandidateSnapshotReader(connection: second, logger: logger)
                    .read(ids: ids, positions: positions, supersededRun: supersededRun, rejected: &rejected)
                return (candidates, rejected)
            }
        }
    }

    /// The smallest and largest candidate id, or nil when there is no candidate.
    private func candidateIDs() async throws -> ClosedRange<Int64>? {
        let rows = try await connection.queryOpen("SELECT min(id), max(id) FROM candidates", logger: logger)
        for try await (first, last) in rows.decode((Int64?, Int64?).self) {
            if let first, let last { return first...last }
        }
        return nil
    }

    /// This transaction's snapshot, for the second connection to import. The identifier is
    /// spliced into `SET TRANSACTION SNAPSHOT` (which takes no parameters), so its shape is
    /// checked first.
    private func exportSnapshot() async throws -> String {
        let rows = try await connection.queryOpen("SELECT pg_export_snapshot()", logger: logger)
        for try await identifier in rows.decode(String.self) where identifier.wholeMatch(of: /[0-9A-Fa-f-]+/) != nil {
            return identifier
        }
        throw NightlyError.unexpectedSnapshotIdentifier
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
