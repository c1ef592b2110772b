import Foundation
import Logging
import MatchCore
import PostgresNIO

/// A candidate's ranking as the gateway edits it: every change stores a new version, and a
/// change that adds an unknown, closed or ineligible post is refused and stores nothing.
public struct RankingStore: Sendable {
    public struct Entry: Sendable, Equatable {
        public let vacancyID: Int64
        public let title: String
        public let regionName: String
        public let status: String
    }

    public enum Outcome: Sendable, Equatable {
        case saved(version: Int)
        /// A nightly match is running; rankings are frozen until it ends.
        case frozen
        case profileIncomplete
        case unknownPost(Int64)
        case closedPost(Int64)
        case ineligible(Int64, [IneligibilityReason])
        case tooLong(limit: Int)
    }

    /// The schema allows ranks 1 to 100.
    public static let maximumLength = 100

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func current(candidateID: Int64) async throws -> [Entry] {
        let rows = try await database.query(
            """
            SELECT v.id, v.title, g.name, v.status
            FROM current_rankings k JOIN ranking_entries e ON e.ranking_id = k.id
            JOIN vacancies v ON v.id = e.vacancy_id JOIN regions g ON g.code = v.region_code
            WHERE k.candidate_id = \(candidateID) ORDER BY e.rank
            """,
            logger: database.logger
        )
        return try await rows.decode((Int64, String, String, String).self).reduce(into: []) {
            $0.append(Entry(vacancyID: $1.0, title: $1.1, regionName: $1.2, status: $1.3))
        }
    }

    /// True while any nightly match on this database holds its lock (NightlyJob's advisory
    /// lock, class 7300). Advisory locks are cluster-wide in `pg_locks`, so the database is named.
    public func matchIsRunning() async throws -> Bool {
        let rows = try await database.query(
            """
            SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 7300 AND objsubid = 2 AND granted
                           AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
            """,
            logger: database.logger
        )
        for try await running in rows.decode(Bool.self) { return running }
        return false
    }

    /// Stores `vacancyIDs` (best first) as the candidate's new ranking version. Posts already in
    /// the current ranking may stay even if they closed since (removing or moving them must
    /// always work); every newly added post must be open and the candidate eligible for it.
    public func replace(candidateID: Int64, with vacancyIDs: [Int64], source: String) async throws -> Outcome {
        guard vacancyIDs.count <= Self.maximumLength else { return .tooLong(limit: Self.maximumLength) }
        precondition(Set(vacancyIDs).count == vacancyIDs.count, "a ranking names each post once")
        if try await matchIsRunning() { return .frozen }
        let profiles = CandidateProfileStore(database: database)
        guard let record = try await profiles.load(candidateID: candidateID), record.complete,
              let candidate = try await profiles.engineProfile(candidateID: candidateID) else { return .profileIncomplete }
        let existing = Set(try await current(candidateID: candidateID).map(\.vacancyID))
        let catalogue = PostCatalogue(database: database)
        for id in vacancyIDs where !existing.contains(id) {
            guard let post = try await catalogue.detail(id: id) else { return .unknownPost(id) }
            guard post.summary.status == "open" else { return .closedPost(id) }
            let reasons = Eligibility.reasons(candidate, for: post.profile)
            guard reasons.isEmpty else { return .ineligible(id, reasons) }
        }
        let logger = database.logger
        return try await database.transaction { connection in
            // Serialises two edits by the same candidate: the second waits and takes the next version.
            try await connection.query("SELECT 1 FROM candidates WHERE id = \(candidateID) FOR UPDATE", logger: logger)
            let rows = try await connection.query(
                """
                INSERT INTO rankings (candidate_id, version)
                SELECT \(candidateID), coalesce(max(version), 0) + 1 FROM rankings WHERE candidate_id = \(candidateID)
                RETURNING id, version
                """,
                logger: logger
            )
            var saved: (id: Int64, version: Int) = (0, 0)
            for try await row in rows.decode((Int64, Int).self) { saved = row }
            let ranks = vacancyIDs.indices.map { Int16($0 + 1) }
            try await connection.query(
                """
                INSERT INTO ranking_entries (ranking_id, rank, vacancy_id)
                SELECT \(saved.id), rank, vacancy FROM unnest(\(ranks)::int2[], \(vacancyIDs)::int8[]) AS u(rank, vacancy)
                """,
                logger: logger
            )
            try await AuditLog.record(
                actor: "candidate:\(candidateID)", action: "ranking.save", subject: "candidate:\(candidateID)",
                details: ["version": String(saved.version), "posts": String(vacancyIDs.count)], source: source,
                on: connection, logger: logger
            )
            return .saved(version: saved.version)
        }
    }
}
