import Foundation
import Hummingbird
import HummingbirdTesting
import MatchStore
import Testing

@Suite("Review requests under row-level security")
struct ReviewRowSecurityTests {
    /// A request filed by the first candidate offered a post in office A's night.
    private static func file(_ fixture: APIFixture) async throws -> Int64 {
        let offer = try #require(try await OfferListing.forRun(fixture.runA, in: fixture.owner).first)
        return try await ReviewStore(database: fixture.owner).file(
            candidateID: offer.candidateID, offerID: offer.offerID, reason: "请人工复核",
            context: AuditContext(actor: "candidate", source: "test")).id
    }

    @Test("decided over HTTP by office A; through the database, office A reads the request, office B and centres read 0 rows")
    func listAndDecide() async throws {
        try await withAPI { fixture, client in
            let id = try await Self.file(fixture)
            try await client.execute(uri: "/api/v1/reviews?status=open", method: .get, headers: fixture.header(fixture.tokens.officeA)) { response in
                #expect(response.status == .ok)
                #expect((JSONBody(response)["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [Int(id)])
            }
            try await client.execute(uri: "/api/v1/reviews", method: .get, headers: fixture.header(fixture.tokens.officeB)) { response in
                #expect((JSONBody(response)["items"] as? [[String: Any]])?.isEmpty == true)
            }
            let json = fixture.header(fixture.tokens.officeA) + [.contentType: "application/json"]
            try await client.execute(uri: "/api/v1/reviews/\(id)/decision", method: .post,
                                     headers: fixture.header(fixture.tokens.officeB) + [.contentType: "application/json"],
                                     body: .json(#"{"decision": "changed", "reason": "越权改判"}"#)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/reviews/\(id)/decision", method: .post, headers: json,
                                     body: .json(#"{"decision": "upheld", "reason": "  "}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(JSONBody(response).pointers == ["/reason"])
            }
            try await client.execute(uri: "/api/v1/reviews/\(id)/decision", method: .post, headers: json,
                                     body: .json(#"{"decision": "upheld", "reason": "复核：评分无误，维持原结果"}"#)) { response in
                #expect(response.status == .ok)
                #expect(JSONBody(response)["status"] as? String == "decided")
                #expect((JSONBody(response)["decidedBy"] as? String)?.hasSuffix("office A") == true)
            }
            try await client.execute(uri: "/api/v1/reviews/\(id)/decision", method: .post, headers: json,
                                     body: .json(#"{"decision": "changed", "reason": "再次改判"}"#)) { response in
                #expect(response.status == .conflict)
            }
            let subject = "review:\(id)"
            let audit = try await fixture.countAll(
                "SELECT count(*) FROM audit_log WHERE action = 'review.decide' AND subject = \(subject) AND details->>'decision' = 'upheld'")
            #expect(audit == 1)
            #expect(try await fixture.count("SELECT count(*) FROM review_requests", as: .office(id: try await fixture.officeID("BZ-HR"))) == 1)
            #expect(try await fixture.count("SELECT count(*) FROM review_requests", as: .office(id: try await fixture.officeID("GZ-HR"))) == 0,
                    "row-level security: office B reads 0 rows")
            #expect(try await fixture.count("SELECT count(*) FROM review_requests", as: .centre(id: 1)) == 0, "centres do not see reviews")
        }
    }
}
