import Hummingbird
import HummingbirdTesting
@testable import MatchStore
import PostgresNIO
import Testing

@Suite("Human review requests")
struct ReviewHandlerTests {
    /// A candidate of office A's night asks for a review of their offer.
    private func fileRequest(_ fixture: APIFixture) async throws -> Int64 {
        let (offer, candidate) = try await fixture.owner.transaction { connection in
            var pair: (Int64, Int64) = (0, 0)
            for try await row in try await connection.query(
                "SELECT id, candidate_id FROM offers WHERE run_id = \(fixture.runA) ORDER BY id LIMIT 1", logger: fixture.owner.logger
            ).decode((Int64, Int64).self) { pair = row }
            return pair
        }
        return try await ReviewStore(database: fixture.owner).file(
            candidateID: candidate, offerID: offer, reason: "my specialty fits better than the score says",
            context: AuditContext(actor: "candidate:\(candidate)", source: "test")).id
    }

    @Test("an office lists the requests in its region; another office sees none and cannot decide them")
    func listAndScope() async throws {
        try await withAPI { fixture, client in
            let id = try await fileRequest(fixture)
            try await client.execute(uri: "/api/v1/reviews?status=open", method: .get, headers: fixture.header(fixture.tokens.officeA)) { response in
                #expect(response.status == .ok)
                let items = try #require(JSONBody(response)["items"] as? [[String: Any]])
                #expect(items.map { $0["id"] as? Int } == [Int(id)])
                #expect(items.first?["status"] as? String == "open")
            }
            try await client.execute(uri: "/api/v1/reviews", method: .get, headers: fixture.header(fixture.tokens.officeB)) { response in
                #expect((JSONBody(response)["items"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/reviews/\(id)/decision", method: .post,
                                     headers: fixture.header(fixture.tokens.officeB) + [.contentType: "application/json"],
                                     body: .json(#"{"decision": "upheld", "reason": "checked the scores"}"#)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/reviews", method: .get, headers: fixture.header(fixture.tokens.centreA)) {
                #expect($0.status == .forbidden)
            }
        }
    }

    @Test("a decision is recorded with its reason and audited, and is final")
    func decide() async throws {
        try await withAPI { fixture, client in
            let id = try await fileRequest(fixture)
            let headers = fixture.header(fixture.tokens.officeA) + [.contentType: "application/json"]
            try await client.execute(uri: "/api/v1/reviews/\(id)/decision", method: .post, headers: headers,
                                     body: .json(#"{"decision": "upheld", "reason": "ok"}"#)) { response in
                #expect(response.status == .unprocessableContent, "a reason of 4 characters at least")
                #expect(JSONBody(response).pointers == ["/reason"])
            }
            try await client.execute(uri: "/api/v1/reviews/\(id)/decision", method: .post, headers: headers,
                                     body: .json(#"{"decision": "upheld", "reason": "the score follows the published policy v1"}"#)) { response in
                #expect(response.status == .ok)
                let body = JSONBody(response)
                #expect(body["status"] as? String == "decided")
                #expect(body["decision"] as? String == "upheld")
                #expect((body["decidedBy"] as? String)?.hasPrefix("token:") == true)
            }
            let audited = try await fixture.countAll(
                "SELECT count(*)::int FROM audit_log WHERE action = 'review.decide' AND subject = \("review:\(id)")")
            #expect(audited == 1)
            try await client.execute(uri: "/api/v1/reviews/\(id)/decision", method: .post, headers: headers,
                                     body: .json(#"{"decision": "changed", "reason": "second thoughts"}"#)) {
                #expect($0.status == .conflict)
            }
        }
    }

    @Test("a decision tells the candidate by each of their channels, once, in the decision's transaction; a refused second decision tells nothing")
    func decisionTellsTheCandidate() async throws {
        try await withAPI { fixture, client in
            let id = try await fileRequest(fixture)
            let channels = try await fixture.countAll(
                "SELECT cardinality(c.message_channels) FROM review_requests r JOIN candidates c ON c.id = r.candidate_id WHERE r.id = \(id)")
            #expect(channels >= 1, "the fixture's candidate has a verified contact")
            let told: PostgresQuery = "SELECT count(*)::int FROM outbox_messages WHERE kind = 'review_decided' AND subject_id = \(id)"
            #expect(try await fixture.countAll(told) == 0, "filing a request tells nobody")
            let headers = fixture.header(fixture.tokens.officeA) + [.contentType: "application/json"]
            try await client.execute(uri: "/api/v1/reviews/\(id)/decision", method: .post, headers: headers,
                                     body: .json(#"{"decision": "upheld", "reason": "the score follows the published policy v1"}"#)) {
                #expect($0.status == .ok)
            }
            #expect(try await fixture.countAll(told) == channels)
            try await client.execute(uri: "/api/v1/reviews/\(id)/decision", method: .post, headers: headers,
                                     body: .json(#"{"decision": "changed", "reason": "second thoughts"}"#)) {
                #expect($0.status == .conflict)
            }
            #expect(try await fixture.countAll(told) == channels)
        }
    }
}
