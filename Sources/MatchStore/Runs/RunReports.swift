import Foundation
import PostgresNIO

/// Every read about runs: lists (keyset-paged for an office, or the newest for an operator),
/// one run's summary with its fill by region, its stored snapshot and its assignments.
/// Every query runs in a transaction of the handle it was given, so with a scoped handle
/// (`Database.scoped`) row-level security decides what exists: another office's run is
/// simply not found.
public struct RunReports: Sendable {
    public struct Run: Sendable, Equatable {
        public let id: Int64
        public let office: String
        public let date: String
        public let status: String
        public let offers: Int
        public let snapshotHash: String
        public let failure: String?
        public let policyVersion: Int
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

    public struct Detail: Sendable {
        public let run: Run
        public let summary: NightlySummary
        public let fillByRegion: [RegionFill]
    }

    let database: Database

    /// For an office's view, `database` should be scoped (`Database.scoped`) to the caller.
    public init(database: Database) {
        self.database = database
    }

    /// Runs of one office, newest first, after run `before` when paging on.
    public func list(officeID: Int64, before: Int64?, limit: Int) async throws -> [Run] {
        let logger = database.logger
        return try await database.transaction { connection in
            let rows = try await connection.query(
                """
                \(unescaped: Self.runColumns)
                WHERE r.office_id = \(officeID) AND (\(before)::bigint IS NULL OR r.id < \(before))
                ORDER BY r.id DESC LIMIT \(limit)
                """,
                logger: logger
            )
            return try await Self.decodeRuns(rows)
        }
    }

    /// The newest runs, of one office or of all: the run made last comes first, whatever
    /// night it was for (a night run again by hand after a restore is the newest run).
    public func recent(officeCode: String? = nil, limit: Int = 50) async throws -> [Run] {
        let logger = database.logger
        return try await database.transaction { connection in
            let rows = try await connection.query(
                """
                \(unescaped: Self.runColumns)
                WHERE \(officeCode)::text IS NULL OR o.code = \(officeCode)
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

    /// The exact `talentmatch.instance/1` the run solved, or nil if there is no such run.
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

    /// One run with its summary, or nil when it does not exist in the caller's scope.
    public func detail(runID: Int64) async throws -> Detail? {
        let logger = database.logger
        return try await database.transaction { connection in
            let rows = try await connection.query("\(unescaped: Self.runColumns) WHERE r.id = \(runID)", logger: logger)
            guard let run = try await Self.decodeRuns(rows).first else { return nil }
            let summaryRows = try await connection.query("SELECT summary::text FROM match_runs WHERE id = \(runID)", logger: logger)
            var summary = NightlySummary()
            for try await text in summaryRows.decode(String.self) {
                summary = (try? JSONDecoder().decode(NightlySummary.self, from: Data(text.utf8))) ?? NightlySummary()
            }
            return Detail(run: run, summary: summary, fillByRegion: try await Self.fill(runID: runID, on: connection, logger: logger))
        }
    }

    /// Per region: the seats of the office's posts that are open or were placed on in this
    /// run, and how many candidates the run placed there.
    private static func fill(runID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> [RegionFill] {
        let rows = try await connection.query(
            """
            WITH placed AS (SELECT vacancy_id, count(*) AS n FROM offers WHERE run_id = \(runID) GROUP BY vacancy_id),
            posts AS (
                SELECT v.id, v.region_code, v.seats, coalesce(p.n, 0) AS filled
                FROM vacancies v
                JOIN centres c ON c.id = v.centre_id
                JOIN match_runs r ON r.id = \(runID) AND r.office_id = c.office_id
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

    private static let runColumns = """
        SELECT r.id, o.code, r.run_date::text, r.status, coalesce((r.counts ->> 'offers')::int, 0), r.snapshot_hash, r.failure,
               p.version
        FROM match_runs r JOIN offices o ON o.id = r.office_id JOIN policies p ON p.id = r.policy_id
        """

    private static func decodeRuns(_ rows: PostgresRowSequence) async throws -> [Run] {
        var result: [Run] = []
        for try await (id, office, date, status, offers, hash, failure, version)
            in rows.decode((Int64, String, String, String, Int, String, String?, Int).self) {
            result.append(Run(id: id, office: office, date: date, status: status, offers: offers, snapshotHash: hash,
                              failure: failure, policyVersion: version))
        }
        return result
    }
}
