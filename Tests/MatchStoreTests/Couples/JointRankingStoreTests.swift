import Foundation
import MatchCore
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

/// A couple's joint ranking of pairs of posts (ADR 0040): each partner's eligibility is
/// checked for their own post, "one of us unplaced" pairs only with that partner's consent,
/// at most 200 pairs, and the helper's proposals in a stated order.
@Suite("Joint rankings")
struct JointRankingStoreTests {
    typealias Pair = JointRankingStore.Pair

    @Test("each partner's eligibility is checked per post: the same post may suit one partner and not the other")
    func eligibilityPerPartner() async throws {
        try await withTestDatabase { database in
            let people = try await CoupleFixture.load(database)
            _ = try await CoupleFixture.couple(people[0], people[1], contact: "demo2@example.cn", database)
            let store = JointRankingStore(database: database)
            let master = try await CoupleFixture.post("BZ-2026-008", database)  // needs a master's degree
            let planner = try await CoupleFixture.post("BZ-2026-001", database)
            // 李明远 (master, the inviter) may take 008; 王晓雪 (bachelor) may not.
            #expect(try await store.replace(candidateID: people[1], with: [Pair(first: master, second: planner)], source: "test")
                    == .saved(version: 1))
            let refused = try await store.replace(candidateID: people[0], with: [Pair(first: planner, second: master)], source: "test")
            guard case .ineligible(let post, let partnerIsFirst, let reasons) = refused else { Issue.record("\(refused)"); return }
            #expect(post == master && !partnerIsFirst && !reasons.isEmpty)
            #expect(try await store.current(coupleID: try await CoupleFixture.id("SELECT id FROM couples", database))
                    == [Pair(first: master, second: planner)], "a refused change stores nothing")
            #expect(try await store.replace(candidateID: people[2], with: [], source: "test") == .notInCouple)
        }
    }

    @Test("a pair that leaves a partner unplaced needs that partner's consent, in the store and in the database")
    func unplacedPairs() async throws {
        try await withTestDatabase { database in
            let people = try await CoupleFixture.load(database)
            let couple = try await CoupleFixture.couple(people[0], people[1], contact: "demo2@example.cn", database)
            let store = JointRankingStore(database: database)
            let planner = try await CoupleFixture.post("BZ-2026-001", database)
            let alone = Pair(first: planner, second: nil)  // the invitee unplaced
            #expect(try await store.replace(candidateID: people[0], with: [alone], source: "test") == .unplacedNotAccepted)
            // The inviter's consent is not the invitee's.
            _ = try await CoupleStore(database: database).setAcceptsUnplaced(true, coupleID: couple, candidateID: people[0], source: "test")
            #expect(try await store.replace(candidateID: people[0], with: [alone], source: "test") == .unplacedNotAccepted)
            _ = try await CoupleStore(database: database).setAcceptsUnplaced(true, coupleID: couple, candidateID: people[1], source: "test")
            #expect(try await store.replace(candidateID: people[0], with: [Pair(first: planner, second: planner), alone], source: "test")
                    == .saved(version: 1))
            #expect(try await store.replace(candidateID: people[0], with: [Pair(first: nil, second: nil)], source: "test")
                    == .unplacedNotAccepted)
            _ = try await CoupleStore(database: database).setAcceptsUnplaced(false, coupleID: couple, candidateID: people[1], source: "test")
            let ranking = try await CoupleFixture.id("SELECT id FROM couple_rankings ORDER BY id DESC LIMIT 1", database)
            await #expect(throws: DatabaseError.self, "the database refuses the pair once the partner no longer accepts it") {
                try await database.query(
                    "INSERT INTO couple_ranking_entries (ranking_id, rank, first_vacancy_id) VALUES (\(ranking), 3, \(planner))")
            }
        }
    }

    @Test("at most 200 pairs, each once; closed and unknown posts are refused; a dissolved couple's list cannot change")
    func limits() async throws {
        try await withTestDatabase { database in
            let people = try await CoupleFixture.load(database)
            let couple = try await CoupleFixture.couple(people[0], people[1], contact: "demo2@example.cn", database)
            let store = JointRankingStore(database: database)
            let planner = try await CoupleFixture.post("BZ-2026-001", database)
            let pairs = (0..<201).map { Pair(first: Int64($0 + 1_000_000), second: planner) }
            #expect(try await store.replace(candidateID: people[0], with: pairs, source: "test") == .tooLong(limit: 200))
            #expect(try await store.replace(candidateID: people[0], with: [Pair(first: planner, second: planner),
                                                                          Pair(first: planner, second: planner)], source: "test") == .duplicatePair)
            #expect(try await store.replace(candidateID: people[0], with: [Pair(first: 999_999, second: planner)], source: "test")
                    == .unknownPost(999_999))
            try await CoupleFixture.execute("UPDATE vacancies SET status = 'closed' WHERE id = \(planner)", database)
            #expect(try await store.replace(candidateID: people[0], with: [Pair(first: planner, second: planner)], source: "test")
                    == .closedPost(planner))
            _ = try await CoupleStore(database: database).dissolve(coupleID: couple, candidateID: people[1], source: "test")
            #expect(try await store.replace(candidateID: people[0], with: [], source: "test") == .notInCouple)
        }
    }

    @Test("the helper proposes the pairs within the chosen area, by the sum of both places, balanced pairs first")
    func proposals() {
        let first = [PairProposal.Choice(vacancyID: 1, regionCode: "511902"), .init(vacancyID: 2, regionCode: "511921"),
                     .init(vacancyID: 3, regionCode: "510802")]
        let second = [PairProposal.Choice(vacancyID: 11, regionCode: "511921"), .init(vacancyID: 12, regionCode: "511902"),
                      .init(vacancyID: 13, regionCode: "510824")]
        let ids = { (pairs: [Pair]) in pairs.map { [$0.first ?? 0, $0.second ?? 0] } }
        #expect(ids(PairProposal.pairs(first: first, second: second, rule: .sameCounty)) == [[1, 12], [2, 11]])
        #expect(ids(PairProposal.pairs(first: first, second: second, rule: .samePrefecture)) == [[1, 11], [1, 12], [2, 11], [2, 12], [3, 13]],
                "广元's 510802 and 510824 share a prefecture too")
        // Province 51: sums 0 (1,11); 1 (1,12) and (2,11) — equal worst place, the inviter's better first; …
        #expect(ids(PairProposal.pairs(first: first, second: second, rule: .sameProvince)).prefix(4) == [[1, 11], [1, 12], [2, 11], [2, 12]])
        #expect(PairProposal.pairs(first: first, second: second, rule: .sameProvince).count == 9)
        #expect(PairProposal.pairs(first: first, second: second, rule: .sameProvince, limit: 2).count == 2)
    }

    @Test("the helper reads each partner's own current list of open posts")
    func proposalsFromRankings() async throws {
        try await withTestDatabase { database in
            let people = try await CoupleFixture.load(database)
            _ = try await CoupleFixture.couple(people[0], people[1], contact: "demo2@example.cn", database)
            // Both demo rankings are BZ-2026-008 (巴州区 511902), then BZ-2026-001 (通江县 511921).
            let urban = try await CoupleFixture.post("BZ-2026-008", database)
            let planner = try await CoupleFixture.post("BZ-2026-001", database)
            let county = try await JointRankingStore(database: database).proposals(candidateID: people[1], rule: .sameCounty)
            #expect(county == [Pair(first: urban, second: urban), Pair(first: planner, second: planner)])
            let prefecture = try await JointRankingStore(database: database).proposals(candidateID: people[0], rule: .samePrefecture)
            #expect(prefecture.count == 4 && prefecture.first == Pair(first: urban, second: urban))
        }
    }
}
