import Logging
import MatchCore
import PostgresNIO

/// Reads one market's nightly inputs in a single REPEATABLE READ transaction, so that every
/// query sees the same instant: its active offices and their policies, the open vacancies of
/// all of them with their free seats, the seats earlier nights hold in each constrained
/// region, the candidates who can be matched and their frozen rankings (ADR 0030).
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

    /// - Parameters:
    ///   - night: `YYYY-MM-DD`; regions must be in force on it.
    ///   - draft: a what-if's unstored policy, read in place of one office's current one.
    func read(market: NightlySnapshot.Market, night: String, supersededRun: Int64?, draft: OfficeDraft?) async throws -> NightlySnapshot {
        try await connection.transaction(Self.snapshotOptions, logger: logger) {
            try await readInTransaction(market: market, night: night, supersededRun: supersededRun ?? -1, draft: draft)
        }
    }

    /// One tuned REPEATABLE READ transaction: every query of the night sees the same instant.
    private static let snapshotOptions = TransactionOptions(isolation: .repeatableRead, bulkRead: true)

    private func readInTransaction(
        market: NightlySnapshot.Market, night: String, supersededRun: Int64, draft: OfficeDraft?
    ) async throws -> NightlySnapshot {
        var clock = PhaseClock()
        func lap(_ what: String) {
            progress("snapshot: \(what) (\(clock.lapDescription(what)))")
        }
        let offices = try await marketOffices(market.id)
        let (policies, problems) = try await PolicyStore.market(offices: offices, draft: draft, on: connection, logger: logger)
        lap("\(offices.count) offices, \(policies.count) with a policy")
        try await stageVacancyScope(officeIDs: offices.map(\.id), supersededRun: supersededRun)
        let held = try await heldSeats(officeIDs: offices.map(\.id), supersededRun: supersededRun)
        lap("vacancy scope staged")
        var (read, exclusions) = try await VacancySnapshotReader(connection: connection, logger: logger).read(offices: offices, night: night)
        // Posts of an office without a usable policy sit the night out; the others run.
        let vacancies = read.filter { vacancy in
            let office = offices[vacancy.office]
            guard let problem = problems[office.id] else { return true }
            exclusions.append(.init(vacancyID: vacancy.id, officeID: office.id, reason: .noPolicy, detail: problem))
            return false
        }
        lap("\(vacancies.count) vacancies read, \(exclusions.count) left out")
        var rejected: [NightlySnapshot.RejectedRow] = []
        let positions = VacancyPositions(vacancies.map(\.id))
        let couples = try await CoupleSnapshotReader(connection: connection, logger: logger).read(positions: positions)
        let people = try await readCandidates(positions: positions, coupled: couples.members, supersededRun: supersededRun,
                                            rejected: &rejected)
        let (candidates, paired) = Self.settlingCouples(couples, candidates: people)
        lap("\(candidates.count) candidates read on \(client == nil ? "1 connection" : "2 connections"), \(paired.count) couples")
        return NightlySnapshot(
            market: market, offices: offices.map { .init(office: $0, policy: policies[$0.id]) }, vacancies: vacancies,
            candidates: candidates, held: held, exclusions: exclusions.sorted { $0.vacancyID < $1.vacancyID }, rejected: rejected,
            couples: paired
        )
    }

    /// The market's active offices, in code order: the order the engine lists them in.
    private func marketOffices(_ marketID: Int64) async throws -> [NightlySnapshot.Office] {
        let rows = try await connection.queryOpen(
            "SELECT id, code, name, region_code FROM offices WHERE market_id = \(marketID) AND status = 'active' ORDER BY code COLLATE \"C\"",
            logger: logger
        )
        var result: [NightlySnapshot.Office] = []
        for try await (id, code, name, region) in rows.decode((Int64, String, String, String).self) {
            result.append(.init(id: id, code: code, name: name, region: region))
        }
        return result
    }

    /// Seats held by earlier nights (accepted offers, and pending ones other than those of
    /// `supersededRun`) on the market's posts, summed for each province, prefecture and
    /// county: what counts against a cap there and towards a floor (ADR 0030).
    private func heldSeats(officeIDs: [Int64], supersededRun: Int64) async throws -> [RegionCode: Int] {
        let rows = try await connection.queryOpen(
            """
            WITH held AS (
                SELECT v.region_code, count(*) AS n FROM offers o
                JOIN vacancies v ON v.id = o.vacancy_id JOIN centres c ON c.id = v.centre_id
                WHERE c.office_id = ANY(\(officeIDs)::int8[])
                  AND (o.state = 'accepted' OR (o.state IN ('pending', 'under_review') AND o.run_id <> \(supersededRun)))
                GROUP BY v.region_code
            )
            SELECT pre.prefix, sum(h.n)::int8 FROM held h
            CROSS JOIN LATERAL (VALUES (left(h.region_code, 2)), (left(h.region_code, 4)), (h.region_code)) AS pre(prefix)
            GROUP BY pre.prefix
            """,
            logger: logger
        )
        var result: [RegionCode: Int] = [:]
        for try await (prefix, count) in rows.decode((String, Int64).self) {
            if let code = RegionCode(prefix) { result[code, default: 0] += Int(count) }
        }
        return result
    }

    /// Both halves, in id order: the lower on this connection, the upper on a second one.
    private func readCandidates(
        positions: VacancyPositions, coupled: Set<Int64>, supersededRun: Int64, rejected: inout [NightlySnapshot.RejectedRow]
    ) async throws -> [NightlySnapshot.Candidate] {
        guard let ids = try await candidateIDs() else { return [] }
        guard let client else {
            return try await CandidateSnapshotReader(connection: connection, logger: logger, coupled: coupled)
                .read(ids: ids, positions: positions, supersededRun: supersededRun, rejected: &rejected)
        }
        let middle = ids.lowerBound + (ids.upperBound - ids.lowerBound) / 2
        let exported = try await exportSnapshot()
        async let upper = readOnSecondConnection(
            client: client, snapshot: exported, ids: (middle + 1)...max(middle + 1, ids.upperBound), positions: positions,
            coupled: coupled, supersededRun: supersededRun
        )
        var candidates = try await CandidateSnapshotReader(connection: connection, logger: logger, coupled: coupled)
            .read(ids: ids.lowerBound...middle, positions: positions, supersededRun: supersededRun, rejected: &rejected)
        let (upperCandidates, upperRejected) = try await upper
        candidates.append(contentsOf: upperCandidates)
        rejected.append(contentsOf: upperRejected)
        return candidates
    }

    private func readOnSecondConnection(
        client: PostgresClient, snapshot: String, ids: ClosedRange<Int64>, positions: VacancyPositions, coupled: Set<Int64>,
        supersededRun: Int64
    ) async throws -> ([NightlySnapshot.Candidate], [NightlySnapshot.RejectedRow]) {
        try await client.withConnection { second in
            var options = Self.snapshotOptions
            options.importedSnapshot = snapshot
            return try await second.transaction(options, logger: logger) {
                var rejected: [NightlySnapshot.RejectedRow] = []
                let candidates = try await CandidateSnapshotReader(connection: second, logger: logger, coupled: coupled)
                    .read(ids: ids, positions: positions, supersededRun: supersededRun, rejected: &rejected)
                return (candidates, rejected)
            }
        }
    }

    /// The couples both of whose partners are in tonight's match, and the candidates with
    /// those partners marked; a partner of a couple left out who has no post of tonight's in
    /// their own list sits the night out.
    static func settlingCouples(
        _ couples: [NightlySnapshot.Couple], candidates: [NightlySnapshot.Candidate]
    ) -> ([NightlySnapshot.Candidate], [NightlySnapshot.Couple]) {
        guard !couples.isEmpty else { return (candidates, []) }
        let paired = couples.keepingPartners(of: candidates)
        let members = paired.members
        let kept = candidates.compactMap { candidate -> NightlySnapshot.Candidate? in
            var candidate = candidate
            candidate.inCouple = members.contains(candidate.id)
            return candidate.inCouple || !candidate.choices.isEmpty ? candidate : nil
        }
        return (kept, paired)
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
    private func stageVacancyScope(officeIDs: [Int64], supersededRun: Int64) async throws {
        try await connection.queryOpen(
            """
            CREATE TEMP TABLE nightly_vacancies (id bigint PRIMARY KEY, free integer NOT NULL, office_id bigint NOT NULL) ON COMMIT DROP
            """,
            logger: logger
        )
        try await connection.queryOpen(
            """
            INSERT INTO nightly_vacancies (id, free, office_id)
            SELECT v.id, v.seats - coalesce(h.held, 0), c.office_id
            FROM vacancies v
            JOIN centres c ON c.id = v.centre_id
            LEFT JOIN (SELECT vacancy_id, count(*) AS held FROM offers
                       WHERE state = 'accepted' OR (state IN ('pending', 'under_review') AND run_id <> \(supersededRun))
                       GROUP BY vacancy_id) h ON h.vacancy_id = v.id
            WHERE c.office_id = ANY(\(officeIDs)::int8[]) AND v.status = 'open' AND v.seats - coalesce(h.held, 0) > 0
            """,
            logger: logger
        )
        // Temporary tables have no statistics until analysed; without them the planner
        // guesses their size and joins a million rankings by nested loops.
        try await connection.queryOpen("ANALYZE nightly_vacancies", logger: logger)
    }
}
