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
        /// The market's nightly match is running; rankings are frozen until its results are out.
        case frozen
        /// The posts belong to more than one market; a ranking names posts of one market only.
        case crossesMarkets
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
        let rows = try await database.execute(CurrentRanking(candidateID: candidateID))
        return try await rows.decode((Int64, String, String, String).self).reduce(into: []) {
            $0.append(Entry(vacancyID: $1.0, title: $1.1, regionName: $1.2, status: $1.3))
        }
    }

    /// The lottery of the candidate's market (the market of the posts they ranked, or the only
    /// one): the open freeze while tonight's match runs (rankings cannot change, ADR 0031), or
    /// else the newest revealed one; nil when the market has drawn none yet.
    public func lottery(candidateID: Int64) async throws -> MarketStore.Lottery? {
        let rows = try await database.execute(CandidateLottery(candidateID: candidateID))
        for try await (night, commitment, frozenAt, releasedAt, secret, runID) in rows.decode((String, String, Date, Date?, String?, Int64?).self) {
            return MarketStore.Lottery(night: night, commitment: commitment, frozenAt: frozenAt, releasedAt: releasedAt, secret: secret, runID: runID)
        }
        return nil
    }

    /// Whether a ranking naming `posts` (with the candidate's current ones) crosses markets, or
    /// touches a market whose rankings are frozen tonight.
    private func marketCheck(_ posts: [Int64], current: [Int64]) async throws -> Outcome? {
        let rows = try await database.query(
            """
            SELECT cardinality(vacancy_markets(\(posts)::int8[])) > 1, vacancy_markets(\(posts + current)::int8[]) && frozen_markets()
            """,
            logger: database.logger
        )
        for try await (crosses, frozen) in rows.decode((Bool, Bool).self) {
            if frozen { return .frozen }
            if crosses { return .crossesMarkets }
        }
        return nil
    }

    /// Stores `vacancyIDs` (best first) as the candidate's new ranking version. Posts already in
    /// the current ranking may stay even if they closed since (removing or moving them must
    /// always work); every newly added post must be open and the candidate eligible for it.
    public func replace(candidateID: Int64, with vacancyIDs: [Int64], source: String) async throws -> Outcome {
        guard vacancyIDs.count <= Self.maximumLength else { return .tooLong(limit: Self.maximumLength) }
        precondition(Set(vacancyIDs).count == vacancyIDs.count, "a ranking names each post once")
        let current = try await current(candidateID: candidateID).map(\.vacancyID)
        if let refused = try await marketCheck(vacancyIDs, current: current) { return refused }
        let profiles = CandidateProfileStore(database: database)
        guard let record = try await profiles.load(candidateID: candidateID), record.complete,
              let candidate = try await profiles.engineProfile(candidateID: candidateID) else { return .profileIncomplete }
        let existing = Set(current)
        let catalogue = PostCatalogue(database: database)
        for id in vacancyIDs where !existing.contains(id) {
            guard let post = try await catalogue.detail(id: id) else { return .unknownPost(id) }
            guard post.summary.status == "open" else { return .closedPost(id) }
            let reasons = Eligibility.reasons(candidate, for: post.profile)
            guard reasons.isEmpty else { return .ineligible(id, reasons) }
        }
        do {
            return try await store(vacancyIDs, candidateID: candidateID, source: source)
        } catch let error as DatabaseError where error.sqlState == Self.frozenState {
            // The night froze the market between the check above and the insert (migration 0031).
            return .frozen
        }
    }

    /// What migration 0031's triggers raise when rankings are frozen.
    static let frozenState = "55000"

    private func store(_ vacancyIDs: [Int64], candidateID: Int64, source: String) async throws -> Outcome {
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
