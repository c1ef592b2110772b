import Hummingbird
import HummingbirdTesting
@testable import MatchStore
import PostgresNIO
import Testing

/// `GET /api/v1/messages/failed` (issue 18): what the outbox gave up on is visible to the
/// office whose offers it was about, with why, and to nobody else.
@Suite("Failed messages for staff")
struct FailedMessagesHandlerTests {
    /// Gives up on one message about an offer of `run` (and on one account message, which no
    /// office may see), as the worker would after its last attempt; returns the first's id.
    private func failMessages(about run: Int64, _ fixture: APIFixture, error: String) async throws -> Int64 {
        try await fixture.owner.transaction { connection in
            let logger = fixture.owner.logger
            var (offer, candidate): (Int64, Int64) = (0, 0)
            for try await row in try await connection.query(
                "SELECT id, candidate_id FROM offers WHERE run_id = \(run) ORDER BY id LIMIT 1", logger: logger
            ).decode((Int64, Int64).self) { (offer, candidate) = row }
            try #require(offer > 0, "the run has an offer")
            var id: Int64 = 0
            for try await value in try await connection.query(
                """
                INSERT INTO outbox_messages (kind, subject_id, candidate_id, channel, address)
                VALUES ('offer_expired', \(offer), \(candidate), 'email', 'someone.far@example.cn'),
                       ('password_reset', \(offer), \(candidate), 'email', 'someone.far@example.cn')
                ON CONFLICT DO NOTHING RETURNING id
                """, logger: logger
            ).decode(Int64.self) where id == 0 { id = value }
            try await connection.query(
                """
                UPDATE outbox_messages SET state = 'failed', attempts = 8, finished_at = now(), last_error = \(error)
                WHERE candidate_id = \(candidate) AND address = 'someone.far@example.cn'
                """, logger: logger)
            return id
        }
    }

    @Test("an office lists what failed about its offers, with the reason and a masked address; another office, a centre and account messages stay out")
    func listScoped() async throws {
        try await withAPI { fixture, client in
            let mine = try await failMessages(about: fixture.runA, fixture, error: "550 5.1.1 mailbox unavailable")
            try await client.execute(uri: "/api/v1/messages/failed", method: .get, headers: fixture.header(fixture.tokens.officeA)) { response in
                #expect(response.status == .ok)
                let items = try #require(JSONBody(response)["items"] as? [[String: Any]])
                #expect(items.map { $0["id"] as? Int } == [Int(mine)], "only office A's offer message, not the account message")
                #expect(items.first?["kind"] as? String == "offer_expired")
                #expect(items.first?["lastError"] as? String == "550 5.1.1 mailbox unavailable")
                #expect(items.first?["address"] as? String == "s***@example.cn")
                #expect(items.first?["attempts"] as? Int == 8)
                #expect(items.first?["offerId"] != nil)
            }
            try await client.execute(uri: "/api/v1/messages/failed", method: .get, headers: fixture.header(fixture.tokens.officeB)) { response in
                let items = try #require(JSONBody(response)["items"] as? [[String: Any]])
                #expect(items.isEmpty, "office B sees nothing of office A's")
            }
            try await client.execute(uri: "/api/v1/messages/failed", method: .get, headers: fixture.header(fixture.tokens.centreA)) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/messages/failed?cursor=nonsense", method: .get, headers: fixture.header(fixture.tokens.officeA)) {
                #expect($0.status == .unprocessableContent)
            }
        }
    }
}
