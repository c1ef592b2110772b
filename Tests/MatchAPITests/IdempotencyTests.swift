import Hummingbird
import HummingbirdTesting
import MatchStore
import Testing

@Suite("Idempotency-Key")
struct IdempotencyTests {
    @Test("a retried POST with the same key replays the first answer and creates one version")
    func replay() async throws {
        try await withAPI { fixture, client in
            let headers = fixture.header(fixture.tokens.officeA) + [.contentType: "application/json", .init("Idempotency-Key")!: "policy-42"]
            let body = #"{"weights": {"experience": 2, "specialty-fit": 1}, "note": "retry me"}"#
            var first = ""
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policies", method: .post, headers: headers, body: .json(body)) { response in
                #expect(response.status == .created)
                first = String(buffer: response.body)
            }
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policies", method: .post, headers: headers, body: .json(body)) { response in
                #expect(response.status == .created)
                #expect(String(buffer: response.body) == first)
                #expect(response.headers[.init("Idempotent-Replayed")!] == "true")
            }
            let office = try await fixture.officeID("BZ-HR")
            #expect(try await fixture.countAll("SELECT count(*)::int FROM policies WHERE office_id = \(office)") == 2,
                    "the fixture's version and one new version, not two")
        }
    }

    @Test("the same key with a different body is refused with 422 and changes nothing")
    func reusedKey() async throws {
        try await withAPI { fixture, client in
            let headers = fixture.header(fixture.tokens.officeA) + [.contentType: "application/json", .init("Idempotency-Key")!: "k1"]
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policies", method: .post, headers: headers,
                                     body: .json(#"{"weights": {"experience": 1}}"#)) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policies", method: .post, headers: headers,
                                     body: .json(#"{"weights": {"experience": 3}}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(JSONBody(response).problemType == "idempotency-key-reused")
            }
            let office = try await fixture.officeID("BZ-HR")
            #expect(try await fixture.countAll("SELECT count(*)::int FROM policies WHERE office_id = \(office)") == 2)
        }
    }

    @Test("a refused request releases its key, so a corrected retry with the same key runs")
    func refusedRequestReleasesKey() async throws {
        try await withAPI { fixture, client in
            let headers = fixture.header(fixture.tokens.officeA) + [.contentType: "application/json", .init("Idempotency-Key")!: "k2"]
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policies", method: .post, headers: headers,
                                     body: .json(#"{"weights": {"experience": 1}, "offerDays": 0}"#)) { #expect($0.status == .unprocessableContent) }
            // Different body, same key: the failed first attempt left no record to conflict with.
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policies", method: .post, headers: headers,
                                     body: .json(#"{"weights": {"experience": 1}, "offerDays": 5}"#)) { #expect($0.status == .created) }
        }
    }
}
