import Foundation
import PostgresNIO

/// An office's nights for the staff console (issue 15, ADR 0052): the list with each night's
/// figures, one night's part with what it takes to draw its charts, and its offers by page.
///
/// Everything here is read from what the night stored when it committed (the office's part of
/// the summary, with its fill by region and choice received) and from the counts the offers'
/// triggers keep (`match_run_office_outcomes`, migration 0115), so no page counts a night's
/// offers again. With a scoped handle row-level security decides what exists: another market's
/// run, and another office's offers, are simply not found.
public struct OfficeNights: Sendable {
    /// What became of an office's offers of one night, as they stand now.
    public struct Outcome: Sendable, Equatable {
        public var offers = 0
        public var pending = 0
        public var underReview = 0
        public var accepted = 0
        public var declined = 0
        public var expired = 0
        public var withdrawn = 0

        public init() {}
    }

    /// One night in the office's list.
    public struct Night: Sendable, Equatable {
        public let run: RunReports.Run
        public let seats: Int
        public let candidates: Int
        public let filled: Int
        public let outcome: Outcome
    }

    /// The office's part of one run.
    public struct Part: Sendable {
        public let run: RunReports.Run
        public let summary: NightlySummary
        public let outcome: Outcome
        /// Names of the regions in `summary.regions` and `summary.floors`, by code.
        public let regionNames: [String: String]
    }

    /// One offer of the night on a post the reader may see.
    public struct Offer: Sendable, Equatable {
        public let candidateID: Int64
        public let vacancyID: Int64
        public let externalID: String
        public let title: String
        public let region: String
        public let choiceRank: Int
        public let score: Double?
        public let state: String
    }

    let database: Database

    /// `database` should be scoped (`Database.scoped`) to the office's staff member.
    public init(database: Database) {
        self.database = database
    }

    /// The runs the office took part in, newest first, after run `before` when paging on.
    public func list(officeID: Int64, before: Int64?, limit: Int) async throws -> [Night] {
        let runs = try await RunReports(database: database).list(officeID: officeID, before: before, limit: limit)
        guard !runs.isEmpty else { return [] }
        let ids = runs.map(\.id)
        return try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT r.id, coalesce((s.j ->> 'seats')::int, 0), coalesce((s.j ->> 'candidates')::int, 0),
                       coalesce((s.j ->> 'filled')::int, 0), \(unescaped: Self.outcomeColumns)
                FROM match_runs r
                LEFT JOIN match_run_offices ro ON ro.run_id = r.id AND ro.office_id = \(officeID)
                CROSS JOIN LATERAL (SELECT coalesce(ro.summary, r.summary) AS j) s
                LEFT JOIN match_run_office_outcomes x ON x.run_id = r.id AND x.office_id = \(officeID)
                WHERE r.id = ANY(\(ids))
                """,
                logger: database.logger
            )
            var figures: [Int64: (Int, Int, Int, Outcome)] = [:]
            for try await row in rows.decode((Int64, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int).self) {
                figures[row.0] = (row.1, row.2, row.3, Self.outcome(row.4, row.5, row.6, row.7, row.8, row.9, row.10))
            }
            return runs.map { run in
                let found = figures[run.id] ?? (0, 0, 0, Outcome())
                return Night(run: run, seats: found.0, candidates: found.1, filled: found.2, outcome: found.3)
            }
        }
    }

    /// The office's part of run `runID`, or nil when the run is not in the caller's scope or
    /// the office took no part in it.
    public func part(runID: Int64, officeID: Int64) async throws -> Part? {
        let logger = database.logger
        return try await database.transaction { connection in
            let runs = try await connection.query(
                "\(unescaped: RunReports.runColumns) AND ro.office_id = \(officeID) \(unescaped: RunReports.runPolicy) WHERE r.id = \(runID)",
                logger: logger
            )
            guard let run = try await RunReports.decodeRuns(runs).first else { return nil }
            let rows = try await connection.query(
                """
                SELECT s.j::text, \(unescaped: Self.outcomeColumns)
                FROM match_runs r
                LEFT JOIN match_run_offices ro ON ro.run_id = r.id AND ro.office_id = \(officeID)
                CROSS JOIN LATERAL (SELECT CASE WHEN r.office_id IS NULL THEN ro.summary ELSE r.summary END AS j) s
                LEFT JOIN match_run_office_outcomes x ON x.run_id = r.id AND x.office_id = \(officeID)
                WHERE r.id = \(runID) AND s.j IS NOT NULL
                """,
                logger: logger
            )
            var found: (NightlySummary, Outcome)?
            for try await row in rows.decode((String, Int, Int, Int, Int, Int, Int, Int).self) {
                let summary = (try? JSONDecoder().decode(NightlySummary.self, from: Data(row.0.utf8))) ?? NightlySummary()
                found = (summary, Self.outcome(row.1, row.2, row.3, row.4, row.5, row.6, row.7))
            }
            // A market's run the office took no part in has no part for it.
            guard let found else { return nil }
            let summary = found.0
            let codes = Array(Set(summary.regions.map(\.region) + summary.floors.map(\.region)))
            var names: [String: String] = [:]
            if !codes.isEmpty {
                let named = try await connection.query("SELECT code, name FROM regions WHERE code = ANY(\(codes))", logger: logger)
                for try await (code, name) in named.decode((String, String).self) { names[code] = name }
            }
            return Part(run: run, summary: summary, outcome: found.1, regionNames: names)
        }
    }

    /// The night's offers the caller may see, by candidate, after candidate `after`; with
    /// `search`, those whose post's title or external id contains it, or whose candidate it is.
    public func offers(runID: Int64, search: String?, after: Int64?, limit: Int) async throws -> [Offer] {
        let pattern = search.map { text in
            "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
        }
        let candidate = search.flatMap { Int64($0) }
        return try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT f.candidate_id, f.vacancy_id, v.external_id, v.title, v.region_code, f.choice_rank, f.score::float8, f.state
                FROM offers f JOIN vacancies v ON v.id = f.vacancy_id
                WHERE f.run_id = \(runID) AND (\(after)::bigint IS NULL OR f.candidate_id > \(after))
                  AND (\(pattern)::text IS NULL OR v.title ILIKE \(pattern) OR v.external_id ILIKE \(pattern)
                       OR f.candidate_id = \(candidate))
                ORDER BY f.candidate_id LIMIT \(limit)
                """,
                logger: database.logger
            )
            var result: [Offer] = []
            for try await (candidate, vacancy, external, title, region, rank, score, state)
                in rows.decode((Int64, Int64, String, String, String, Int, Double?, String).self) {
                result.append(Offer(candidateID: candidate, vacancyID: vacancy, externalID: external, title: title, region: region,
                                    choiceRank: rank, score: score, state: state))
            }
            return result
        }
    }

    private static let outcomeColumns = """
        coalesce(x.offers, 0), coalesce(x.pending, 0), coalesce(x.under_review, 0), coalesce(x.accepted, 0),
        coalesce(x.declined, 0), coalesce(x.expired, 0), coalesce(x.withdrawn, 0)
        """

    private static func outcome(_ offers: Int, _ pending: Int, _ review: Int, _ accepted: Int, _ declined: Int, _ expired: Int,
                                _ withdrawn: Int) -> Outcome {
        var outcome = Outcome()
        outcome.offers = offers
        outcome.pending = pending
        outcome.underReview = review
        outcome.accepted = accepted
        outcome.declined = declined
        outcome.expired = expired
        outcome.withdrawn = withdrawn
        return outcome
    }
}
