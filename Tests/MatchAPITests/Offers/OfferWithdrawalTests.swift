import Foundation
import Hummingbird
import HummingbirdTesting
import MatchStore
import Testing

@Suite("An office withdraws offers over HTTP")
struct OfferWithdrawalTests {
    @Test("office A withdraws its offers with a reason; office B cannot see them; a centre token may not call it; bad input names the field")
    func withdrawUnderRowSecurity() async throws {
        try await withAPI { fixture, client in
            let offers = try await OfferListing.forRun(fixture.runA, in: fixture.owner).sorted { $0.offerID < $1.offerID }
            let (first, second) = (try #require(offers.first), try #require(offers.dropFirst().first))
            let json = fixture.header(fixture.tokens.officeA) + [.contentType: "application/json"]
            let body = #"{"offers": [\#(first.offerID), \#(second.offerID)], "reason": "岗位编制调整，撤回录用"}"#
            try await client.execute(uri: "/api/v1/offers/withdrawal", method: .post,
                                     headers: fixture.header(fixture.tokens.officeB) + [.contentType: "application/json"],
                                     body: .json(body)) { response in
                #expect(response.status == .notFound, "office B's scope does not reach office A's posts")
            }
            try await client.execute(uri: "/api/v1/offers/withdrawal", method: .post,
                                     headers: fixture.header(fixture.tokens.centreA) + [.contentType: "application/json"],
                                     body: .json(body)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/offers/withdrawal", method: .post, headers: json,
                                     body: .json(#"{"offers": [\#(first.offerID)], "reason": "  "}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(JSONBody(response).pointers == ["/reason"])
            }
            #expect(try await fixture.countAll("SELECT count(*)::int FROM offers WHERE state = 'withdrawn'") == 0)
            try await client.execute(uri: "/api/v1/offers/withdrawal", method: .post, headers: json, body: .json(body)) { response in
                #expect(response.status == .ok)
                #expect((JSONBody(response)["withdrawn"] as? [Int])?.map(Int64.init) == [first.offerID, second.offerID])
            }
            #expect(try await fixture.countAll(
                "SELECT count(*)::int FROM offers WHERE state = 'withdrawn' AND withdrawal_cause = 'office'") == 2)
            #expect(try await fixture.countAll(
                "SELECT count(*)::int FROM offer_transitions WHERE to_state = 'withdrawn' AND reason = '岗位编制调整，撤回录用'") == 2)
            #expect(try await fixture.countAll("SELECT count(*)::int FROM audit_log WHERE action = 'offer.withdraw'") == 2)
            try await client.execute(uri: "/api/v1/offers/withdrawal", method: .post, headers: json, body: .json(body)) { response in
                #expect(response.status == .conflict, "a withdrawn offer is final")
            }
        }
    }
}
