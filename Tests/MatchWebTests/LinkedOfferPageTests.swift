import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MatchStore
import MatchWeb
import PostgresNIO
import Testing

/// A couple's linked offers on the gateway (ADR 0041): each partner answers through the one
/// offer path; an acceptance waits for the partner's, and one decline frees both seats.
@Suite("Linked offers on the gateway")
struct LinkedOfferPageTests {
    @Test("the first partner's acceptance waits (no error), the second's accepts both")
    func acceptTogether() async throws {
        try await GatewayHarness.run { harness, client in
            let couple = try await Self.linkedCouple(harness, client)
            var (first, second) = (couple.first, couple.second)
            _ = try await first.get("/offer")
            #expect(try await first.post("/offer/\(couple.offers.0)/accept", []).status == .seeOther)
            #expect(try await harness.scalar("SELECT count(*) FROM offers WHERE state = 'accepted'") == 0)
            #expect(try await harness.scalar("SELECT count(*) FROM couple_offer_answers WHERE offer_id = \(couple.offers.0)") == 1)
            #expect(try await second.get("/offer").body.contains("乙方岗位"))
            #expect(try await second.post("/offer/\(couple.offers.1)/accept", []).status == .seeOther)
            #expect(try await harness.scalar(
                "SELECT count(*) FROM offers WHERE state = 'accepted' AND id IN (\(couple.offers.0), \(couple.offers.1))") == 2)
            let again = try await first.post("/offer/\(couple.offers.0)/accept", [])
            #expect(again.status == .conflict && again.body.contains("已经答复过了"))
        }
    }

    @Test("one partner's decline declines both; the other's later answer is told it was answered, never a 500")
    func declineBoth() async throws {
        try await GatewayHarness.run { harness, client in
            let couple = try await Self.linkedCouple(harness, client)
            var (first, second) = (couple.first, couple.second)
            _ = try await second.get("/offer")
            #expect(try await second.post("/offer/\(couple.offers.1)/decline", [("reason", "家里有变")]).status == .seeOther)
            #expect(try await harness.scalar(
                "SELECT count(*) FROM offers WHERE state = 'declined' AND id IN (\(couple.offers.0), \(couple.offers.1))") == 2)
            _ = try await first.get("/offer")
            let late = try await first.post("/offer/\(couple.offers.0)/accept", [])
            #expect(late.status == .conflict && late.body.contains("已经答复过了"))
        }
    }

    @Test("one partner's review request pauses both offers, and the other partner's page says why their deadline stopped")
    func reviewPausesBoth() async throws {
        try await GatewayHarness.run { harness, client in
            let couple = try await Self.linkedCouple(harness, client)
            var (first, second) = (couple.first, couple.second)
            #expect(!(try await second.get("/offer").body.contains("id=\"couple-paused\"")))
            _ = try await first.get("/offer")
            #expect(try await first.post("/offer/\(couple.offers.0)/review", [("review_reason", "请人工复核评分")]).status == .seeOther)
            #expect(try await harness.scalar(
                "SELECT count(*) FROM offers WHERE state = 'under_review' AND id IN (\(couple.offers.0), \(couple.offers.1))") == 2)
            let page = try await second.get("/offer").body
            #expect(page.contains("id=\"deadline-paused\""))
            #expect(Self.section(page, id: "couple-offer").contains("工作人员正在人工复核你们共同申请的录用"))
            #expect(!page.contains("form method=\"post\" action=\"/offer/\(couple.offers.1)/accept\""), "no answer while paused")
        }
    }

    @Test("both partners see, for each pair ranked higher, why each post was not possible: a rule, the cutoff by how much, the other post")
    func higherPairsExplained() async throws {
        try await GatewayHarness.run { harness, client in
            let couple = try await Self.linkedCouple(harness, client)
            let (first, second) = (couple.first, couple.second)
            // Pair 1: a post the inviter is not eligible for (a doctorate), and one the invitee
            // clears. Pair 2: a post the invitee's score is below. Pair 3 is the pair they got.
            let doctorate = try await harness.makeVacancy(title: "博士岗位", region: "511921", minEducation: "doctorate")
            let easy = try await harness.makeVacancy(title: "容易岗位", region: "511922")
            let hard = try await harness.makeVacancy(title: "高分岗位", region: "511922")
            _ = try await PolicyStore(database: harness.app).create(
                officeCode: "T-OFFICE", draft: PolicyDraft(regions: [], offerDays: 7, note: "test"), actor: "test")
            // The fixture gives each offer its own run (a night gives both one): each run gets the night's facts.
            for offer in [couple.offers.0, couple.offers.1] {
                let run: Int64 = try await harness.scalar("SELECT run_id FROM offers WHERE id = \(offer)")
                try await harness.execute(
                    """
                    INSERT INTO match_run_offices (run_id, office_id, policy_id)
                    SELECT \(run), o.id, (SELECT id FROM policies WHERE office_id = o.id ORDER BY version DESC LIMIT 1)
                    FROM offices o WHERE o.code = 'T-OFFICE' ON CONFLICT DO NOTHING
                    """)
                // The two posts had seats left (no cutoff score); the third admitted no one below 999.
                try await harness.execute(
                    "INSERT INTO run_cutoffs (run_id, vacancy_id, score) VALUES (\(run), \(doctorate), NULL), (\(run), \(easy), NULL), (\(run), \(hard), 999)")
            }
            let ranking: Int64 = try await harness.scalar(
                """
                INSERT INTO couple_rankings (couple_id, version, submitted_by, submitted_at)
                SELECT couple_id, 1, \(couple.ids.0), now() - interval '1 day' FROM couple_offers WHERE offer_id = \(couple.offers.0)
                RETURNING id
                """)
            try await harness.execute(
                """
                INSERT INTO couple_ranking_entries (ranking_id, rank, first_vacancy_id, second_vacancy_id) VALUES
                (\(ranking), 1, \(doctorate), \(easy)), (\(ranking), 2, \(couple.posts.0), \(hard)),
                (\(ranking), 3, \(couple.posts.0), \(couple.posts.1))
                """)
            for browser in [first, second] {
                var browser = browser
                let page = try await browser.get("/offer")
                #expect(page.status == .ok)
                let section = Self.section(page.body, id: "couple-higher")
                #expect(section.contains("第 3 组") && section.contains("第 1 组") && section.contains("第 2 组"))
                #expect(section.contains("甲方不符合条件") && section.contains("博士岗位"))
                #expect(section.contains("乙方本可以获得该岗位"))
                #expect(section.contains("乙方的得分比该岗位的分数线低"))
                // The inviter got their pair-2 post: possible, so pair 2 failed on the invitee's.
                #expect(section.contains("甲方本可以获得该岗位"))
            }
            var english = second
            english.language = "en"
            let page = Self.section(try await english.get("/offer").body, id: "couple-higher")
            #expect(page.contains("Pair no. 1") && page.contains("is not eligible") && page.contains("score was below this post"))
        }
    }

    /// The text of the section with `id`, up to its end.
    static func section(_ body: String, id: String) -> String {
        guard let start = body.range(of: "id=\"\(id)\"") else { return "" }
        let rest = body[start.lowerBound...]
        return String(rest[..<(rest.range(of: "</section>")?.lowerBound ?? rest.endIndex)])
    }

    struct LinkedCouple {
        var first: Browser
        var second: Browser
        let ids: (Int64, Int64)
        let posts: (Int64, Int64)
        let offers: (Int64, Int64)
    }

    /// Two signed-in candidates in a confirmed couple, each holding one offer of a linked pair.
    static func linkedCouple(_ harness: GatewayHarness, _ client: any TestClientProtocol) async throws -> LinkedCouple {
        var first = Browser(client)
        var second = Browser(client)
        let a = try await harness.register(&first, contact: "linked-a@example.cn", name: "甲方")
        let b = try await harness.register(&second, contact: "linked-b@example.cn", name: "乙方")
        _ = try await harness.saveProfile(&first)
        _ = try await harness.saveProfile(&second)
        _ = try await first.get("/couple")
        _ = try await first.post("/couple/invite", [("contact", "linked-b@example.cn")])
        let couple: Int64 = try await harness.scalar("SELECT id FROM couples WHERE inviter_id = \(a) AND invitee_id = \(b)")
        _ = try await second.get("/couple")
        _ = try await second.post("/couple/\(couple)/confirm", [])
        let firstPost = try await harness.makeVacancy(title: "甲方岗位", region: "511921")
        let secondPost = try await harness.makeVacancy(title: "乙方岗位", region: "511922")
        let firstOffer = try await OfferFixture.make(harness, candidate: a, vacancy: firstPost)
        let secondOffer = try await OfferFixture.make(harness, candidate: b, vacancy: secondPost)
        try await harness.execute(
            """
            INSERT INTO couple_offers (offer_id, partner_offer_id, couple_id)
            VALUES (\(firstOffer), \(secondOffer), \(couple)), (\(secondOffer), \(firstOffer), \(couple))
            """)
        return LinkedCouple(first: first, second: second, ids: (a, b), posts: (firstPost, secondPost), offers: (firstOffer, secondOffer))
    }
}
