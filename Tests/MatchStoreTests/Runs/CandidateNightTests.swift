import Foundation
import MatchCore
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

/// Every candidate's page explains every post they ranked from the night's cutoffs (ADR 0037),
/// and agrees with what the engine stored with each offer.
@Suite("A candidate's night, explained for every ranked post")
struct CandidateNightTests {
    @Test("the night stores one cutoff per post; every candidate's explanation agrees with the matching and with the engine's stored explanation")
    func explainsEveryone() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            let runID = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(database)))
            #expect(try await NightlyFixture.count("SELECT count(*)::int FROM run_cutoffs WHERE run_id = \(runID)", database) == 8,
                    "one cutoff for each of the demo's 8 posts")
            let offers = Dictionary(uniqueKeysWithValues: try await OfferListing.forRun(runID, in: database).map { ($0.candidateID, $0) })
            let candidates = try await Self.rankingCandidates(database)
            try #require(candidates.count > offers.count, "some candidates get no offer")
            let store = CandidateNightStore(database: database)
            var withoutOffer = 0
            var kinds: Set<String> = []
            for candidate in candidates {
                let night = try #require(try await store.newest(candidateID: candidate), "candidate \(candidate) took part")
                #expect(night.runID == runID && !night.profileChangedSince)
                let offered = night.posts.filter { $0.verdict == .offered }.map(\.vacancyID)
                #expect(offered == (offers[candidate].map { [$0.vacancyID] } ?? []), "candidate \(candidate)")
                if offers[candidate] == nil { withoutOffer += 1 }
                for post in night.posts {
                    kinds.insert(String(describing: post.verdict).prefix { $0 != "(" }.description)
                    try Self.check(post, candidate: candidate, offeredRank: offers[candidate]?.choiceRank)
                }
                if let offer = offers[candidate] {
                    try await Self.agreeWithStored(night, offer: offer, database)
                }
            }
            #expect(withoutOffer == candidates.count - offers.count)
            #expect(kinds.isSuperset(of: ["offered", "gotHigherChoice", "belowCutoff", "notEligible"]), "the demo night shows \(kinds)")
        }
    }

    @Test("an older night is scored under the policy that night used, not a newer one; a night the candidate was not in is refused")
    func thatNightsPolicy() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            let runID = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(database, date: NightlyFixture.night(daysAgo: 1))))
            let candidate = try #require(try await Self.rankingCandidates(database).first)
            let store = CandidateNightStore(database: database)
            let before = try #require(try await store.night(candidateID: candidate, runID: runID))
            // A new policy version with other weights: a page that scored with today's policy
            // would show other scores and another version.
            var draft = PolicyDraft(regions: [])
            draft.weights = Dictionary(uniqueKeysWithValues: ScoringFeature.allCases.map { ($0, $0 == .experience ? 90.0 : $0 == .nativePlace ? 0.0 : 1.0) })
            _ = try await PolicyStore(database: database).create(officeCode: NightlyFixture.office, draft: draft, actor: "test")
            let after = try #require(try await store.night(candidateID: candidate, runID: runID))
            #expect(after == before)
            let versions = Set(after.posts.compactMap(\.breakdown?.policyVersion))
            let used = try #require(try await Self.text(
                "SELECT q.version::text FROM match_run_offices ro JOIN policies q ON q.id = ro.policy_id WHERE ro.run_id = \(runID)", database))
            #expect(versions == ["\(NightlyFixture.office) v\(used)"], "scored under the night's policy v\(used), got \(versions)")
            #expect(try await store.night(candidateID: candidate, runID: runID + 1000) == nil)
        }
    }

    /// The cutoff form: the offered post is cleared; a post not offered is explained by a rule,
    /// a higher post, the cutoff (by how much) or the cap, consistently with the numbers.
    static func check(_ post: CandidateNight.Post, candidate: Int64, offeredRank: Int?) throws {
        let context = "candidate \(candidate), post \(post.vacancyID)"
        switch post.verdict {
        case .offered:
            if case .score(let lowest) = post.cutoff, let score = post.breakdown?.score { #expect(score >= lowest, "\(context)") }
        case .gotHigherChoice(let rank):
            #expect(rank == offeredRank && rank < post.rank, "\(context)")
        case .belowCutoff(let by):
            let lowest = try #require({ if case .score(let value) = post.cutoff { return value } else { return nil } }(), "\(context)")
            let score = try #require(post.breakdown?.score)
            #expect(by > 0 && abs((lowest - score) - by) < 0.0001, "\(context)")
            #expect(offeredRank.map { $0 > post.rank } ?? true, "\(context): a post below the cutoff is above what they got")
        case .lostOnLottery:
            #expect(post.cutoff.map { if case .score(let value) = $0 { value == post.breakdown?.score } else { false } } == true, "\(context)")
        case .notEligible(let rules):
            #expect(!rules.isEmpty, "\(context)")
        case .capReached, .declinedBefore, .notInNight:
            Issue.record("\(context): the demo night has no caps, no declines and every post in it, got \(post.verdict)")
        }
    }

    /// For a candidate with an offer, the page's reason at each post ranked above it matches
    /// the engine's stored one (rules for rules, the cutoff for a full post).
    static func agreeWithStored(_ night: CandidateNight, offer: OfferListing, _ database: Database) async throws {
        let json = try #require(try await Self.text("SELECT explanation::text FROM offers WHERE id = \(offer.offerID)", database))
        let stored = try #require(StoredOfferExplanation(json: json))
        for above in stored.rankedAbove {
            let post = try #require(night.posts.first { $0.vacancyID == above.vacancyID })
            switch (above.reason, post.verdict) {
            case (.notEligible(let engine), .notEligible(let page)): #expect(engine == page)
            case (.full(let cutoff, let yours), .belowCutoff), (.full(let cutoff, let yours), .lostOnLottery):
                #expect(post.cutoff == cutoff)
                if case .score(let score) = yours { #expect(post.breakdown?.score == score) }
            default: Issue.record("offer \(offer.offerID), post \(above.vacancyID): engine \(above.reason), page \(post.verdict)")
            }
        }
        #expect(stored.cutoff == night.posts.first { $0.verdict == .offered }?.cutoff)
    }

    static func rankingCandidates(_ database: Database) async throws -> [Int64] {
        let rows = try await database.client.query("SELECT DISTINCT candidate_id FROM rankings ORDER BY candidate_id")
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        return ids
    }

    static func text(_ sql: String, _ database: Database) async throws -> String? {
        let rows = try await database.client.query(PostgresQuery(unsafeSQL: sql))
        for try await value in rows.decode(String?.self) { return value }
        return nil
    }
}
