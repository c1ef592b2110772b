import Hummingbird
import HummingbirdTesting
import MatchAPI
@testable import MatchStore
import Testing

@Suite("Bearer tokens")
struct AuthenticationTests {
    @Test("no token, a malformed one or an unknown one is a 401 problem with a Bearer challenge")
    func missingOrUnknown() async throws {
        try await withAPI { fixture, client in
            let unknown = "tm_" + String(repeating: "A", count: 43)
            for headers: HTTPFields in [[:], [.authorization: "Bearer nonsense"], [.authorization: "Bearer \(unknown)"],
                                        [.authorization: "Basic dXNlcjpwYXNz"]] {
                try await client.execute(uri: "/api/v1/offices/BZ-HR/policy", method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.isProblem)
                    #expect(JSONBody(response).problemType == "unauthorized")
                    #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                }
            }
        }
    }

    @Test("an expired token and a revoked token are refused with 401, saying which")
    func expiredAndRevoked() async throws {
        try await withAPI { fixture, client in
            let store = TokenStore(database: fixture.owner)
            let expiring = try await store.issue(for: .office(code: "BZ-HR"), label: "short", expiresInDays: 1, actor: "test")
            _ = try await fixture.owner.transaction { connection in
                try await connection.query(
                    "UPDATE api_tokens SET created_at = now() - interval '3 days', expires_at = now() - interval '1 day' WHERE id = \(expiring.id)",
                    logger: fixture.owner.logger)
            }
            let revoked = try await store.issue(for: .office(code: "BZ-HR"), label: "revoked", actor: "test")
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policy", method: .get, headers: fixture.header(revoked.secret.text)) {
                #expect($0.status == .ok, "works before it is revoked")
            }
            try await store.revoke(id: revoked.id, actor: "test")
            for (secret, word) in [(expiring.secret.text, "expired"), (revoked.secret.text, "revoked")] {
                try await client.execute(uri: "/api/v1/offices/BZ-HR/policy", method: .get, headers: fixture.header(secret)) { response in
                    #expect(response.status == .unauthorized)
                    #expect((JSONBody(response)["detail"] as? String)?.contains(word) == true)
                }
            }
        }
    }

    @Test("a centre token on an office operation is 403; an office outside the token's region is 404")
    func wrongScope() async throws {
        try await withAPI { fixture, client in
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policy", method: .get, headers: fixture.header(fixture.tokens.centreA)) {
                #expect($0.status == .forbidden)
                #expect(JSONBody($0).problemType == "forbidden")
            }
            try await client.execute(uri: "/api/v1/offices/GZ-HR/policy", method: .get, headers: fixture.header(fixture.tokens.officeA)) {
                #expect($0.status == .notFound)
            }
            // The province office sees the office below it, but may not act for it.
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policy", method: .get, headers: fixture.header(fixture.tokens.province)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policies", method: .post,
                                     headers: fixture.header(fixture.tokens.province) + [.contentType: "application/json"],
                                     body: .json(#"{"weights": {"experience": 1}}"#)) {
                #expect($0.status == .forbidden)
            }
        }
    }

    @Test("a token without a permission is 403 naming it")
    func missingPermission() async throws {
        try await withAPI { fixture, client in
            let readOnly = try await TokenStore(database: fixture.owner)
                .issue(for: .office(code: "BZ-HR"), label: "reader", permissions: [.policiesRead], actor: "test")
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policies", method: .post,
                                     headers: fixture.header(readOnly.secret.text) + [.contentType: "application/json"],
                                     body: .json(#"{"weights": {"experience": 1}}"#)) { response in
                #expect(response.status == .forbidden)
                #expect((JSONBody(response)["detail"] as? String)?.contains("policies:write") == true)
            }
        }
    }
}

extension HTTPFields {
    static func + (lhs: HTTPFields, rhs: HTTPFields) -> HTTPFields {
        var result = lhs
        result.append(contentsOf: rhs)
        return result
    }
}
