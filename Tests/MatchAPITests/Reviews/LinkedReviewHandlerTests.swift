import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MatchStore
import PostgresNIO
import Testing

/// An office deciding a review of a couple's linked offer (ADR 0049) over HTTP, as its scoped
/// role: the pair is withdrawn or reinstated together, and a reinstatement the couple cannot
/// have is a 409 saying why, never a 500.
@Suite("Review decisions on a couple's linked offers")
struct LinkedReviewHandlerTests {
    typealias Side = (offer: Int64, candidate: Int64)

    @Test("withdrawn: the offer under review and its partner's are both withdrawn by the review")
    func withdrawnTogether() async throws {
        try await withAPI { fixture, client in
            let (first, second) = try await Self.link(fixture)
            let id = try await Self.file(first, fixture)
            #expect(try await Self.states(first, second, fixture) == ["under_review", "under_review"])
            try await Self.decide(id, #"{"decision": "withdrawn", "reason": "the couple's posts were merged"}"#, fixture, client) { response in
                #expect(response.status == .ok)
                #expect(JSONBody(response)["offerState"] as? String == "withdrawn")
            }
            #expect(try await Self.states(first, second, fixture) == ["withdrawn", "withdrawn"])
            #expect(try await fixture.countAll(
                "SELECT count(*)::int FROM offers WHERE withdrawal_cause = 'review' AND id IN (\(first.offer), \(second.offer))") == 2)
        }
    }

    @Test("reinstated: a declined pair with both seats free is pending again, both offers")
    func reinstatedTogether() async throws {
        try await withAPI { fixture, client in
            let (first, second) = try await Self.link(fixture)
            #expect(try await CoupleOfferStore(database: fixture.owner)
                .decline(offerID: second.offer, candidateID: second.candidate, reason: "误操作", actor: "test") == .bothDeclined)
            let id = try await Self.file(first, fixture)
            try await Self.decide(id, #"{"decision": "reinstated", "reason": "the decline was a mistake"}"#, fixture, client) { response in
                #expect(response.status == .ok)
                #expect(JSONBody(response)["offerState"] as? String == "pending")
            }
            #expect(try await Self.states(first, second, fixture) == ["pending", "pending"])
        }
    }

    @Test("reinstated, when the partner's offer was withdrawn: 409 naming the partner's offer, and nothing changes")
    func reinstatementRefused() async throws {
        try await withAPI { fixture, client in
            let (first, second) = try await Self.link(fixture)
            // A pair left apart before migration 0113: one declined, the other withdrawn.
            try await fixture.owner.transaction(.attributed(to: "test", reason: "before 0113")) { connection in
                for sql in ["ALTER TABLE offers DISABLE TRIGGER offers_couple_released",
                            "UPDATE offers SET state = 'withdrawn', withdrawal_cause = 'office' WHERE id = \(second.offer)",
                            "UPDATE offers SET state = 'declined' WHERE id = \(first.offer)",
                            "ALTER TABLE offers ENABLE TRIGGER offers_couple_released"] {
                    try await connection.query(PostgresQuery(unsafeSQL: sql), logger: fixture.owner.logger)
                }
            }
            let id = try await Self.file(first, fixture)
            try await Self.decide(id, #"{"decision": "reinstated", "reason": "the decline was a mistake"}"#, fixture, client) { response in
                #expect(response.status == .conflict)
                let detail = JSONBody(response)["detail"] as? String ?? ""
                #expect(detail.contains("offer \(second.offer), which is withdrawn"), "\(detail)")
                #expect(detail.contains("reinstated only together"), "\(detail)")
            }
            #expect(try await Self.states(first, second, fixture) == ["declined", "withdrawn"])
            #expect(try await fixture.countAll("SELECT count(*)::int FROM review_requests WHERE id = \(id) AND status = 'open'") == 1)
        }
    }

    /// Links the first two offers of office A's night as a couple's (as a night would).
    static func link(_ fixture: APIFixture) async throws -> (Side, Side) {
        let offers = try await OfferListing.forRun(fixture.runA, in: fixture.owner).sorted { $0.offerID < $1.offerID }
        try #require(offers.count >= 2)
        let (first, second) = (offers[0], offers[1])
        try await fixture.owner.transaction { connection in
            var couple: Int64 = 0
            for try await id in try await connection.query(
                "INSERT INTO couples (inviter_id, invitee_contact) VALUES (\(first.candidateID), 'partner@example.com') RETURNING id",
                logger: fixture.owner.logger
            ).decode(Int64.self) { couple = id }
            try await connection.query(
                """
                INSERT INTO couple_offers (offer_id, partner_offer_id, couple_id)
                VALUES (\(first.offerID), \(second.offerID), \(couple)), (\(second.offerID), \(first.offerID), \(couple))
                """,
                logger: fixture.owner.logger)
        }
        return ((first.offerID, first.candidateID), (second.offerID, second.candidateID))
    }

    static func file(_ side: Side, _ fixture: APIFixture) async throws -> Int64 {
        try await ReviewStore(database: fixture.owner).file(
            candidateID: side.candidate, offerID: side.offer, reason: "请人工复核",
            context: AuditContext(actor: "candidate:\(side.candidate)", source: "test")).id
    }

    static func decide(
        _ id: Int64, _ body: String, _ fixture: APIFixture, _ client: any TestClientProtocol,
        _ check: @escaping (TestResponse) async throws -> Void
    ) async throws {
        try await client.execute(uri: "/api/v1/reviews/\(id)/decision", method: .post,
                                 headers: fixture.header(fixture.tokens.officeA) + [.contentType: "application/json"],
                                 body: .json(body), testCallback: check)
    }

    static func states(_ first: Side, _ second: Side, _ fixture: APIFixture) async throws -> [String] {
        try await fixture.trusted.transaction { connection in
            var states: [String] = []
            for id in [first.offer, second.offer] {
                for try await state in try await connection.query("SELECT state FROM offers WHERE id = \(id)", logger: fixture.trusted.logger)
                    .decode(String.self) { states.append(state) }
            }
            return states
        }
    }
}
