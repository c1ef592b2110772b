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
