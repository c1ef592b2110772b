import Foundation
import PostgresNIO

/// Every read about runs: lists (keyset-paged for an office, or the newest for an operator),
/// one run's summary as an office sees it, its stored snapshot and its assignments.
///
/// A market's run (ADR 0030) is read through an office: its summary is that office's part,
/// its fill is over that office's posts. Runs of one office, from before markets, read as
/// they always did. Every query runs in a transaction of the handle it was given, so with a
/// scoped handle (`Database.scoped`) row-level security decides what exists: another
/// market's run is simply not found.
public struct RunReports: Sendable {
    public struct Run: Sendable, Equatable {
        public let id: Int64
        public let market: String
        /// The office of a run from before markets; nil for a market's run.
        public let office: String?
        public let date: String
        public let status: String
        public let offers: Int
        public let snapshotHash: String
        public let failure: String?
        /// The version of the reading office's policy the run used (an office run's own).
        public let policyVersion: Int?
        /// SHA-256 of the lottery secret, published when the night froze rankings.
        public let seedCommitment: String?
        /// The lottery secret, revealed with the results (hexadecimal).
        public let seedSecret: String?
        public let seed: UInt64
        /// The confirmed couples the night matched (nil for runs from before couples, ADR 0041).
        public let couples: Int?
        /// How the couples phase ended (`CouplesSettlement`'s raw value; ADR 0039).
        public let couplesSettlement: String?
    }

    /// Seats and placements in one region, over the posts that took part in the run.
    public struct RegionFill: Sendable, Equatable {
        public let region: String
        public let name: String
        public let seats: Int
        public let filled: Int
    }

    /// One placement of a run, with the state its offer is in now.
    public struct Assignment: Sendable, Equatable {
        public let candidateID: Int64
        public let vacancyID: Int64
        public let choiceRank: Int
        public let score: Double?
        public let offerState: String?
    }

    /// An office's part of a market's run.
    public struct OfficePart: Sendable, Equatable {
        public let office: String
        public let policyVersion: Int?
        public let summary: NightlySummary
    }

    /// A post the night left out, as its centre and offices see it.
    public struct Exclusion: Sendable, Equatable {
        public let runID: Int64
        public let date: String
        public let vacancyID: Int64
        public let externalID: String
        public let title: String
        public let office: String
        public let reason: String
        public let detail: String
    }

    public struct Detail: Sendable {
        public let run: Run
        /// The reading office's part (a market run), or the run's own summary (an office run).
        public let summary: NightlySummary
        /// Every part the reader may see: its own and those of offices below it.
        public let offices: [OfficePart]
        public let fillByRegion: [RegionFill]
        public let exclusions: [Exclusion]
    }

    let database: Database

    /// For an office's view, `database` should be scoped (`Database.scoped`) to the caller.
    public init(database: Database) {
        self.database = database
    }

    /// Runs an office took part in, newest first, after run `before` when paging on.
    public func list(officeID: Int64, before: Int64?, limit: Int) async throws -> [Run] {
        let logger = database.logger
        return try await database.transaction { connection in
            let rows = try await connection.query(
                """
                \(unescaped: Self.runColumns) AND ro.office_id = \(officeID) \(unescaped: Self.runPolicy)
                WHERE (r.office_id = \(officeID) OR ro.office_id IS NOT NULL) AND (\(before)::bigint IS NULL OR r.id < \(before))
                ORDER BY r.id DESC LIMIT \(limit)
                """,
                logger: logger
            )
            return try await Self.decodeRuns(rows)
        }
    }

    /// The newest runs of all markets, or those an office took part in: the run made last comes
    /// first, whatever night it was for (a night run again by hand after a restore is the newest run).
    public func recent(officeCode: String? = nil, limit: Int = 50) async throws -> [Run] {
        let logger = database.logger
        return try await database.transaction { connection in
            let rows = try await connection.query(
                """
                \(unescaped: Self.runColumns) AND ro.office_id = (SELECT id FROM offices WHERE code = \(officeCode)) \(unescaped: Self.runPolicy)
                WHERE \(officeCode)::text IS NULL OR o.code = \(officeCode) OR ro.office_id IS NOT NULL
                ORDER BY r.id DESC LIMIT \(limit)
                """,
                logger: logger
            )
            return try await Self.decodeRuns(rows)
        }
    }

    /// Whether run `runID` exists (in the caller's scope), whatever its status.
    public func exists(runID: Int64) async throws -> Bool {
        try await database.transaction { connection in
            let rows = try await connection.query("SELECT 1 FROM match_runs WHERE id = \(runID)", logger: database.logger)
            for try await _ in rows { return true }
            return false
        }
    }

    /// Whether a run with a stored snapshot exists, without reading the snapshot (hundreds of
    /// megabytes at national scale).
    public func hasSnapshot(runID: Int64) async throws -> Bool {
        try await database.transaction { connection in
            let rows = try await connection.query("SELECT 1 FROM match_run_snapshots WHERE run_id = \(runID) LIMIT 1", logger: database.logger)
            for try await _ in rows { return true }
            return false
        }
    }

    /// The exact `talentmatch.instance/1` or `/2` the run solved, or nil if there is no such run.
    public func snapshot(runID: Int64) async throws -> [UInt8]? {
        try await database.transaction { connection in
            let rows = try await connection.query(
                "SELECT instance FROM match_run_snapshots WHERE run_id = \(runID) ORDER BY part", logger: database.logger
            )
            var bytes: [UInt8] = []
            var found = false
            for try await part in rows.decode(ByteBuffer.self) {
                found = true
                bytes.append(contentsOf: part.readableBytesView)
            }
            return found ? bytes : nil
        }
    }

    /// The run itself, without summaries, or nil when it does not exist in the caller's scope.
    public func run(_ runID: Int64) async throws -> Run? {
        try await database.transaction { connection in
            let rows = try await connection.query(
                "\(unescaped: Self.runColumns) AND false \(unescaped: Self.runPolicy) WHERE r.id = \(runID)", logger: database.logger
            )
            return try await Self.decodeRuns(rows).first
        }
    }

    /// The run's placements, by candidate.
    public func assignments(runID: Int64) async throws -> [Assignment] {
        try await database.transaction { connection in
            let rows = try await connection.query(
                "SELECT candidate_id, vacancy_id, choice_rank, score::float8, state FROM offers WHERE run_id = \(runID) ORDER BY candidate_id",
                logger: database.logger
            )
            var result: [Assignment] = []
            for try await (candidate, vacancy, rank, score, state) in rows.decode((Int64, Int64, Int, Double?, String).self) {
                result.append(.init(candidateID: candidate, vacancyID: vacancy, choiceRank: rank, score: score, offerState: state))
            }
            return result
        }
    }

    /// One run as an office sees it, or nil when it does not exist in the caller's scope.
    public func detail(runID: Int64, officeID: Int64) async throws -> Detail? {
        let logger = database.logger
        return try await database.transaction { connection in
            let rows = try await connection.query(
                "\(unescaped: Self.runColumns) AND ro.office_id = \(officeID) \(unescaped: Self.runPolicy) WHERE r.id = \(runID)",
                logger: logger
            )
            guard let run = try await Self.decodeRuns(rows).first else { return nil }
            let parts = try await Self.parts(runID: runID, on: connection, logger: logger)
            let own = parts.first { $0.officeID == officeID }?.part.summary
            var summary = own ?? NightlySummary()
            if run.office != nil { summary = try await Self.runSummary(runID, on: connection, logger: logger) }
            return Detail(
                run: run, summary: summary, offices: parts.map(\.part),
                fillByRegion: try await Self.fill(runID: runID, officeID: officeID, on: connection, logger: logger),
                exclusions: try await Self.exclusions(runID: runID, vacancyID: nil, on: connection, logger: logger)
            )
        }
    }

    /// The nights that left a post out, newest first (its centre and offices see them).
    public func exclusions(vacancyID: Int64) async throws -> [Exclusion] {
        try await database.transaction { connection in
            try await Self.exclusions(runID: nil, vacancyID: vacancyID, on: connection, logger: database.logger)
        }
    }

    private static func runSummary(_ runID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> NightlySummary {
        let rows = try await connection.query("SELECT summary::text FROM match_runs WHERE id = \(runID)", logger: logger)
        for try await text in rows.decode(String.self) {
            return (try? JSONDecoder().decode(NightlySummary.self, from: Data(text.utf8))) ?? NightlySummary()
        }
        return NightlySummary()
    }

    private static func parts(runID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> [(officeID: Int64, part: OfficePart)] {
        let rows = try await connection.query(
            """
            SELECT ro.office_id, o.code, p.version, ro.summary::text FROM match_run_offices ro
            JOIN offices o ON o.id = ro.office_id LEFT JOIN policies p ON p.id = ro.policy_id
            WHERE ro.run_id = \(runID) ORDER BY o.code
            """,
            logger: logger
        )
        var result: [(Int64, OfficePart)] = []
        for try await (id, code, version, text) in rows.decode((Int64, String, Int?, String).self) {
            let summary = (try? JSONDecoder().decode(NightlySummary.self, from: Data(text.utf8))) ?? NightlySummary()
            result.append((id, OfficePart(office: code, policyVersion: version, summary: summary)))
        }
        return result
    }

    private static func exclusions(runID: Int64?, vacancyID: Int64?, on connection: PostgresConnection, logger: Logger) async throws -> [Exclusion] {
        let rows = try await connection.query(
            """
            SELECT x.run_id, x.run_date::text, x.vacancy_id, v.external_id, v.title, o.code, x.reason, x.detail
            FROM match_run_exclusions x JOIN vacancies v ON v.id = x.vacancy_id
            JOIN centres c ON c.id = v.centre_id JOIN offices o ON o.id = c.office_id
            WHERE (\(runID)::bigint IS NULL OR x.run_id = \(runID)) AND (\(vacancyID)::bigint IS NULL OR x.vacancy_id = \(vacancyID))
            ORDER BY x.run_id DESC, x.vacancy_id, x.reason LIMIT 1000
            """,
            logger: logger
        )
        var result: [Exclusion] = []
        for try await (run, date, vacancy, external, title, office, reason, detail)
            in rows.decode((Int64, String, Int64, String, String, String, String, String).self) {
            result.append(Exclusion(runID: run, date: date, vacancyID: vacancy, externalID: external, title: title, office: office,
                                    reason: reason, detail: detail))
        }
        return result
    }

    /// Per region: the seats of the office's posts that are open or were placed on in this
    /// run, and how many candidates the run placed there.
    private static func fill(runID: Int64, officeID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> [RegionFill] {
        let rows = try await connection.query(
            """
            WITH placed AS (SELECT vacancy_id, count(*) AS n FROM offers WHERE run_id = \(runID) GROUP BY vacancy_id),
            posts AS (
                SELECT v.id, v.region_code, v.seats, coalesce(p.n, 0) AS filled
                FROM vacancies v
                JOIN centres c ON c.id = v.centre_id
                JOIN match_runs r ON r.id = \(runID) AND coalesce(r.office_id, \(officeID)) = c.office_id
                LEFT JOIN placed p ON p.vacancy_id = v.id
                WHERE v.status = 'open' OR p.n IS NOT NULL
            )
            SELECT p.region_code, g.name, sum(p.seats)::int, sum(p.filled)::int
            FROM posts p JOIN regions g ON g.code = p.region_code
            GROUP BY p.region_code, g.name ORDER BY p.region_code
            """,
            logger: logger
        )
        var result: [RegionFill] = []
        for try await (region, name, seats, filled) in rows.decode((String, String, Int, Int).self) {
            result.append(RegionFill(region: region, name: name, seats: seats, filled: filled))
        }
        return result
    }

    /// A run's columns, up to the condition that picks the reading office's part (`ro`):
    /// queries append `AND ro.office_id = …`, then `runPolicy`, then their WHERE. A market
    /// run reports the version of the reading office's policy; an office run its own.
    static let runColumns = """
        SELECT r.id, m.code, o.code, r.run_date::text, r.status, coalesce((r.counts ->> 'offers')::int, 0), r.snapshot_hash, r.failure,
               coalesce(p.version, q.version), r.seed_commitment, r.seed_secret, r.seed, r.couples, r.couples_settlement
        FROM match_runs r JOIN markets m ON m.id = r.market_id LEFT JOIN offices o ON o.id = r.office_id
        LEFT JOIN policies p ON p.id = r.policy_id
        LEFT JOIN match_run_offices ro ON ro.run_id = r.id
        """

    static let runPolicy = "LEFT JOIN policies q ON q.id = ro.policy_id"

    static func decodeRuns(_ rows: PostgresRowSequence) async throws -> [Run] {
        var result: [Run] = []
        for try await (id, market, office, date, status, offers, hash, failure, version, commitment, secret, seed, couples, settlement)
            in rows.decode((Int64, String, String?, String, String, Int, String, String?, Int?, String?, String?, Int64, Int?, String?).self) {
            result.append(Run(id: id, market: market, office: office, date: date, status: status, offers: offers, snapshotHash: hash,
                              failure: failure, policyVersion: version, seedCommitment: commitment, seedSecret: secret,
                              seed: UInt64(bitPattern: seed), couples: couples, couplesSettlement: settlement))
        }
        return result
    }
}
