import Foundation
import Logging
import MatchCore
import PostgresNIO

/// Explains a couple's linked offers (issue 17): for each pair the couple ranked above the pair
/// they got, each partner's verdict at their post that night, read the way a single
/// candidate's night is (`CandidateNightStore`: the night's cutoffs, policies and profile versions).
public struct CoupleNightStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The explanation for the linked offer `offerID` held by `candidateID`, or nil when it is
    /// not a linked offer of theirs.
    public func explain(offerID: Int64, candidateID: Int64) async throws -> CoupleNight? {
        guard let link = try await linkRow(offerID, candidateID) else { return nil }
        let pairs = try await jointList(link)
        guard let got = pairs.firstIndex(where: { $0.first == link.first.vacancy && $0.second == link.second.vacancy }) else {
            return nil
        }
        let higher = Array(pairs[..<got])
        let profiles = NightProfileReader(database: database)
        let nights = CandidateNightStore(database: database)
        var sides: [[CandidateNight.Post]] = []
        for (partner, posts) in [(link.first, higher.map(\.first)), (link.second, higher.map(\.second))] {
            // Each partner as they were that night (ADR 0050).
            guard let profile = try await profiles.read(candidateID: partner.id, runID: link.runID)?.profile else { return nil }
            sides.append(try await nights.explain(partner.id, profile: profile, runID: link.runID, choices: posts.compactMap { $0 },
                                                  offered: partner.vacancy, offeredRank: nil))
        }
        var explained: [CoupleNight.Pair] = []
        var next = (0, 0)
        for (index, pair) in higher.enumerated() {
            // Each side's posts were explained in order, unplaced slots left out: the k-th post
            // of a side is its place k in `choices`.
            if pair.first != nil { next.0 += 1 }
            if pair.second != nil { next.1 += 1 }
            let first = pair.first == nil ? nil : sides[0].first { $0.rank == next.0 }
            let second = pair.second == nil ? nil : sides[1].first { $0.rank == next.1 }
            explained.append(.init(rank: index + 1,
                                   first: .init(candidateID: link.first.id, name: link.first.name, post: first),
                                   second: .init(candidateID: link.second.id, name: link.second.name, post: second)))
        }
        return CoupleNight(runID: link.runID, night: link.night, gotRank: got + 1, higherPairs: explained)
    }

    private struct Partner { let id: Int64; let name: String; let vacancy: Int64 }
    private struct LinkRow { let coupleID: Int64; let runID: Int64; let night: String; let startedAt: Date; let first: Partner; let second: Partner }

    /// The couple, the night, and each partner's offered post, the inviter first.
    private func linkRow(_ offerID: Int64, _ candidateID: Int64) async throws -> LinkRow? {
        let rows = try await database.query(
            """
            SELECT l.couple_id, o.run_id, to_char(r.run_date, 'YYYY-MM-DD'), r.started_at,
                   f.id, f.full_name, fo.vacancy_id, s.id, s.full_name, so.vacancy_id
            FROM offers o JOIN couple_offers l ON l.offer_id = o.id JOIN offers p ON p.id = l.partner_offer_id
            JOIN match_runs r ON r.id = o.run_id JOIN couples c ON c.id = l.couple_id
            JOIN candidates f ON f.id = c.inviter_id JOIN candidates s ON s.id = c.invitee_id
            JOIN offers fo ON fo.id = CASE WHEN o.candidate_id = c.inviter_id THEN o.id ELSE p.id END
            JOIN offers so ON so.id = CASE WHEN o.candidate_id = c.inviter_id THEN p.id ELSE o.id END
            WHERE o.id = \(offerID) AND o.candidate_id = \(candidateID)
            """,
            logger: database.logger
        )
        typealias Row = (Int64, Int64, String, Date, Int64, String, Int64, Int64, String, Int64)
        for try await row in rows.decode(Row.self) {
            return LinkRow(coupleID: row.0, runID: row.1, night: row.2, startedAt: row.3,
                           first: Partner(id: row.4, name: row.5, vacancy: row.6), second: Partner(id: row.7, name: row.8, vacancy: row.9))
        }
        return nil
    }

    /// The joint list the night read: the newest version submitted before it started.
    private func jointList(_ link: LinkRow) async throws -> [JointRankingStore.Pair] {
        let rows = try await database.query(
            """
            SELECT e.first_vacancy_id, e.second_vacancy_id FROM couple_ranking_entries e
            WHERE e.ranking_id = (SELECT id FROM couple_rankings WHERE couple_id = \(link.coupleID) AND submitted_at <= \(link.startedAt)
                                  ORDER BY version DESC LIMIT 1)
            ORDER BY e.rank
            """,
            logger: database.logger
        )
        return try await rows.decode((Int64?, Int64?).self).reduce(into: []) { $0.append(.init(first: $1.0, second: $1.1)) }
    }
}
