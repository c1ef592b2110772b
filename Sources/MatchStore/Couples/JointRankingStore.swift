import Foundation
import Logging
import MatchCore
import PostgresNIO

/// A couple's joint ranking of pairs of posts, as the gateway edits it: every change stores a
/// new version; a change that adds an unknown or closed post, or one a partner is not
/// eligible for, is refused and stores nothing (ADR 0040).
public struct JointRankingStore: Sendable {
    /// One entry: the inviter's post (`first`) and the invitee's (`second`); nil leaves that
    /// partner unplaced.
    public struct Pair: Sendable, Hashable {
        public let first: Int64?
        public let second: Int64?

        public init(first: Int64?, second: Int64?) {
            self.first = first
            self.second = second
        }
    }

    public enum Outcome: Sendable, Equatable {
        case saved(version: Int)
        case notInCouple
        case frozen
        case crossesMarkets
        case profileIncomplete
        case unknownPost(Int64)
        case closedPost(Int64)
        /// `partnerIsFirst`: the inviter is the one not eligible.
        case ineligible(Int64, partnerIsFirst: Bool, [IneligibilityReason])
        /// The pair leaves a partner unplaced who does not accept that (or leaves both).
        case unplacedNotAccepted
        case duplicatePair
        case tooLong(limit: Int)
    }

    /// ADR 0040: twice a single's 100 posts. A couple's helper proposes combinations of two
    /// lists, and 200 pairs cover the nearby combinations of two full lists; the night's
    /// couples' section stays within the size of the singles' rankings.
    public static let maximumLength = 200

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The confirmed couple's newest joint ranking, best first, as stored.
    public func current(coupleID: Int64) async throws -> [Pair] {
        let rows = try await database.query(
            """
            SELECT e.first_vacancy_id, e.second_vacancy_id
            FROM (SELECT id FROM couple_rankings WHERE couple_id = \(coupleID) ORDER BY version DESC LIMIT 1) r
            JOIN couple_ranking_entries e ON e.ranking_id = r.id ORDER BY e.rank
            """,
            logger: database.logger
        )
        return try await rows.decode((Int64?, Int64?).self).reduce(into: []) { $0.append(Pair(first: $1.0, second: $1.1)) }
    }

    /// Stores `pairs` (best first) as the couple's new joint ranking; `candidateID` is either
    /// partner. Pairs already in the current list may stay even if a post closed since.
    public func replace(candidateID: Int64, with pairs: [Pair], source: String) async throws -> Outcome {
        guard pairs.count <= Self.maximumLength else { return .tooLong(limit: Self.maximumLength) }
        guard Set(pairs).count == pairs.count else { return .duplicatePair }
        guard let couple = try await CoupleStore(database: database).current(candidateID: candidateID),
              couple.status == .confirmed, let partner = couple.partnerID else { return .notInCouple }
        let (firstID, secondID) = couple.isInviter ? (candidateID, partner) : (partner, candidateID)
        let (firstAccepts, secondAccepts) = couple.isInviter
            ? (couple.acceptsUnplaced, couple.partnerAcceptsUnplaced) : (couple.partnerAcceptsUnplaced, couple.acceptsUnplaced)
        for pair in pairs {
            if pair.first == nil && (pair.second == nil || !firstAccepts) { return .unplacedNotAccepted }
            if pair.second == nil && !secondAccepts { return .unplacedNotAccepted }
        }
        let existing = Set(try await current(coupleID: couple.id))
        if let refused = try await checkPosts(pairs.filter { !existing.contains($0) }, firstID: firstID, secondID: secondID) {
            return refused
        }
        do {
            return try await store(pairs, coupleID: couple.id, candidateID: candidateID, source: source)
        } catch let error as DatabaseError where error.sqlState == RankingStore.frozenState {
            return .frozen
        } catch let error as DatabaseError where (error.serverMessage ?? "").contains("one market") {
            return .crossesMarkets
        }
    }

    /// Each new pair's posts: known, open, and each partner eligible for their own post.
    private func checkPosts(_ added: [Pair], firstID: Int64, secondID: Int64) async throws -> Outcome? {
        let profiles = CandidateProfileStore(database: database)
        var partners: [CandidateProfile] = []
        for id in [firstID, secondID] {
            guard let record = try await profiles.load(candidateID: id), record.complete,
                  let profile = try await profiles.engineProfile(candidateID: id) else { return .profileIncomplete }
            partners.append(profile)
        }
        let catalogue = PostCatalogue(database: database)
        var checked: Set<[Int64]> = []
        for pair in added {
            for (slot, post) in [pair.first, pair.second].enumerated() {
                guard let post, checked.insert([Int64(slot), post]).inserted else { continue }
                guard let detail = try await catalogue.detail(id: post) else { return .unknownPost(post) }
                guard detail.summary.status == "open" else { return .closedPost(post) }
                let reasons = Eligibility.reasons(partners[slot], for: detail.profile)
                guard reasons.isEmpty else { return .ineligible(post, partnerIsFirst: slot == 0, reasons) }
            }
        }
        return nil
    }

    private func store(_ pairs: [Pair], coupleID: Int64, candidateID: Int64, source: String) async throws -> Outcome {
        let logger = database.logger
        return try await database.transaction(.attributed(to: "candidate:\(candidateID)", reason: "joint ranking")) { connection in
            // Serialises two edits of one couple: the second waits and takes the next version.
            try await connection.query("SELECT 1 FROM couples WHERE id = \(coupleID) FOR UPDATE", logger: logger)
            let rows = try await connection.query(
                """
                INSERT INTO couple_rankings (couple_id, version, submitted_by)
                SELECT \(coupleID), coalesce(max(version), 0) + 1, \(candidateID) FROM couple_rankings WHERE couple_id = \(coupleID)
                RETURNING id, version
                """,
                logger: logger
            )
            var saved: (id: Int64, version: Int) = (0, 0)
            for try await row in rows.decode((Int64, Int).self) { saved = row }
            if !pairs.isEmpty {
                try await connection.query(
                    """
                    INSERT INTO couple_ranking_entries (ranking_id, rank, first_vacancy_id, second_vacancy_id)
                    SELECT \(saved.id), rank, nullif(f, 0), nullif(s, 0)
                    FROM unnest(\(pairs.indices.map { Int16($0 + 1) })::int2[], \(pairs.map { $0.first ?? 0 })::int8[],
                                \(pairs.map { $0.second ?? 0 })::int8[]) AS u(rank, f, s)
                    """,
                    logger: logger
                )
            }
            _ = try await AuditLog.record(
                actor: "candidate:\(candidateID)", action: "couple.ranking.save", subject: "couple:\(coupleID)",
                details: ["version": String(saved.version), "pairs": String(pairs.count)], source: source, on: connection, logger: logger
            )
            return .saved(version: saved.version)
        }
    }
}

extension JointRankingStore {
    /// The pairs the helper proposes for the candidate's couple under `rule` (see
    /// `PairProposal`), from each partner's current own ranking of open posts.
    public func proposals(candidateID: Int64, rule: PairProposal.Rule) async throws -> [Pair] {
        guard let couple = try await CoupleStore(database: database).current(candidateID: candidateID),
              couple.status == .confirmed, let partner = couple.partnerID else { return [] }
        let (firstID, secondID) = couple.isInviter ? (candidateID, partner) : (partner, candidateID)
        return PairProposal.pairs(first: try await choices(firstID), second: try await choices(secondID), rule: rule)
    }

    private func choices(_ candidateID: Int64) async throws -> [PairProposal.Choice] {
        let rows = try await database.query(
            """
            SELECT v.id, v.region_code FROM current_rankings k JOIN ranking_entries e ON e.ranking_id = k.id
            JOIN vacancies v ON v.id = e.vacancy_id
            WHERE k.candidate_id = \(candidateID) AND v.status = 'open' ORDER BY e.rank
            """,
            logger: database.logger
        )
        return try await rows.decode((Int64, String).self).reduce(into: []) {
            $0.append(PairProposal.Choice(vacancyID: $1.0, regionCode: $1.1))
        }
    }
}
