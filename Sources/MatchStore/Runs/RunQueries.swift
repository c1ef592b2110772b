import Foundation
import PostgresNIO

/// Read-only questions about runs: the list, one run's stored snapshot and its assignments.
public struct RunQueries: Sendable {
    public struct RunRow: Sendable, Equatable {
        public let id: Int64
        public let office: String
        public let date: String
        public let status: String
        public let offers: Int
        public let snapshotHash: String
        public let failure: String?
    }

    public struct AssignmentRow: Sendable, Equatable {
        public let candidateID: Int64
        public let vacancyID: Int64
        public let choiceRank: Int
        public let score: Double?
        public let offerState: String?
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func list(officeCode: String? = nil, limit: Int = 50) async throws -> [RunRow] {
        let rows = try await database.query(
            """
            SELECT r.id, o.code, r.run_date::text, r.status, coalesce((r.counts ->> 'offers')::int, 0), r.snapshot_hash, r.failure
            FROM match_runs r JOIN offices o ON o.id = r.office_id
            WHERE \(officeCode)::text IS NULL OR o.code = \(officeCode)
            ORDER BY r.run_date DESC, r.id DESC
            LIMIT \(limit)
            """,
            logger: database.logger
        )
        var result: [RunRow] = []
        for try await (id, office, date, status, offers, hash, failure) in rows.decode((Int64, String, String, String, Int, String, String?).self) {
            result.append(.init(id: id, office: office, date: date, status: status, offers: offers, snapshotHash: hash, failure: failure))
        }
        return result
    }

    /// Whether a run with a stored snapshot exists, without reading the snapshot (hundreds of
    /// megabytes at national scale).
    public func hasSnapshot(runID: Int64) async throws -> Bool {
        let rows = try await database.query("SELECT 1 FROM match_run_snapshots WHERE run_id = \(runID) LIMIT 1", logger: database.logger)
        for try await _ in rows { return true }
        return false
    }

    /// The exact `talentmatch.instance/1` the run solved, or nil if there is no such run.
    public func snapshot(runID: Int64) async throws -> [UInt8]? {
        let rows = try await database.query(
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

    public func assignments(runID: Int64) async throws -> [AssignmentRow] {
        let rows = try await database.query(
            """
            SELECT candidate_id, vacancy_id, choice_rank, score::float8, state
            FROM offers WHERE run_id = \(runID) ORDER BY candidate_id
            """,
            logger: database.logger
        )
        var result: [AssignmentRow] = []
        for try await (candidate, vacancy, rank, score, state) in rows.decode((Int64, Int64, Int, Double?, String).self) {
            result.append(.init(candidateID: candidate, vacancyID: vacancy, choiceRank: rank, score: score, offerState: state))
        }
        return result
    }
}
