import Hummingbird
import HummingbirdTesting
@testable import MatchStore
import Testing

@Suite("Audit of API writes")
struct AuditTests {
    @Test("a write records who (the token), what, when and from where; a read records nothing")
    func writeIsAudited() async throws {
        try await withAPI { fixture, client in
            let before = try await fixture.countAll("SELECT count(*)::int FROM audit_log")
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policy", method: .get, headers: fixture.header(fixture.tokens.officeA)) {
                #expect($0.status == .ok)
            }
            #expect(try await fixture.countAll("SELECT count(*)::int FROM audit_log") == before)
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policies", method: .post,
                                     headers: fixture.header(fixture.tokens.officeA) + [.contentType: "application/json", .init("X-Request-Id")!: "audit-1"],
                                     body: .json(#"{"weights": {"experience": 1}}"#)) { #expect($0.status == .created) }
            let rows = try await fixture.owner.transaction { connection in
                var rows: [(String, String, String)] = []
                for try await row in try await connection.query(
                    "SELECT actor, action, details::text FROM audit_log WHERE id > (SELECT max(id) - 2 FROM audit_log) ORDER BY id",
                    logger: fixture.owner.logger).decode((String, String, String).self) { rows.append(row) }
                return rows
            }
            #expect(rows.count == 2)
            #expect(rows.allSatisfy { $0.0.hasPrefix("token:") && $0.0.hasSuffix(":office A") })
            #expect(rows.map(\.1).contains("policy.create"))
            #expect(rows.contains { $0.1 == "api POST /api/v1/offices/{officeCode}/policies" || $0.1 == "api POST /api/v1/offices/:officeCode/policies" })
            #expect(rows.contains { $0.2.contains("audit-1") })
        }
    }

    @Test("a refused write writes nothing, not even to the audit log")
    func refusedWriteIsNotCommitted() async throws {
        try await withAPI { fixture, client in
            let before = try await fixture.countAll("SELECT count(*)::int FROM audit_log")
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policies", method: .post,
                                     headers: fixture.header(fixture.tokens.officeA) + [.contentType: "application/json"],
                                     body: .json(#"{"weights": {"experience": 1}, "regions": [{"region": "5119", "cap": 1, "floor": 9}]}"#)) {
                #expect($0.status == .unprocessableContent)
            }
            #expect(try await fixture.countAll("SELECT count(*)::int FROM audit_log") == before)
        }
    }
}
