import Hummingbird
import HummingbirdTesting
import MatchAPI
import Testing

/// Bad input of every kind gets a 4xx problem naming what is wrong, never a 5xx.
@Suite("Problem documents")
struct ProblemTests {
    private func post(_ body: String, _ fixture: APIFixture, _ client: some TestClientProtocol,
                      _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        try await client.execute(uri: "/api/v1/offices/BZ-HR/policies", method: .post,
                                 headers: fixture.header(fixture.tokens.officeA) + [.contentType: "application/json"],
                                 body: .json(body)) { try check($0) }
    }

    @Test("malformed JSON is 400 with a problem document")
    func malformedJSON() async throws {
        try await withAPI { fixture, client in
            try await post(#"{"weights": {"experience": 1"#, fixture, client) { response in
                #expect(response.status == .badRequest)
                #expect(response.isProblem)
                #expect(JSONBody(response).problemType == "bad-request")
            }
        }
    }

    @Test("a wrong type, a missing field and an unknown field are 400 with the JSON pointer")
    func schemaMismatch() async throws {
        try await withAPI { fixture, client in
            try await post(#"{"weights": {"experience": "heavy"}}"#, fixture, client) { response in
                #expect(response.status == .badRequest)
                #expect(JSONBody(response).pointers == ["/weights/experience"])
            }
            try await post(#"{"offerDays": 5}"#, fixture, client) { response in
                #expect(response.status == .badRequest)
                #expect(JSONBody(response).pointers == ["/weights"])
            }
            try await post(#"{"weights": {"seniority": 1}}"#, fixture, client) { response in
                #expect(response.status == .badRequest)
                #expect(JSONBody(response).pointers.first?.hasPrefix("/weights") == true)
            }
        }
    }

    @Test("values out of range are 422 naming every failing field")
    func validation() async throws {
        try await withAPI { fixture, client in
            try await post(#"{"weights": {"experience": -1}, "offerDays": 0, "regions": [{"region": "5119", "cap": 1, "floor": 3}]}"#,
                           fixture, client) { response in
                #expect(response.status == .unprocessableContent)
                #expect(Set(JSONBody(response).pointers) == ["/weights/experience", "/offerDays"])
            }
            try await post(#"{"weights": {"experience": 1}, "regions": [{"region": "5119", "cap": 1, "floor": 3}]}"#, fixture, client) { response in
                #expect(response.status == .unprocessableContent)
                #expect(JSONBody(response).pointers == ["/regions/0"])
            }
        }
    }

    @Test("a body over the limit is 413 before it is read")
    func oversize() async throws {
        try await withAPI(limits: .init(jsonBytes: 1024, csvBytes: 4096)) { fixture, client in
            let note = String(repeating: "x", count: 2000)
            try await post(#"{"weights": {"experience": 1}, "note": "\#(note)"}"#, fixture, client) { response in
                #expect(response.status == .contentTooLarge)
                #expect(JSONBody(response).problemType == "payload-too-large")
            }
        }
    }

    @Test("a bad path parameter, a bad cursor and a bad limit are 4xx, not 5xx")
    func badParameters() async throws {
        try await withAPI { fixture, client in
            let headers = fixture.header(fixture.tokens.officeA)
            for uri in ["/api/v1/runs/abc", "/api/v1/offices/BZ-HR/runs?cursor=zzz", "/api/v1/offices/BZ-HR/runs?limit=0",
                        "/api/v1/offices/BZ-HR/runs?limit=many"] {
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    #expect((400..<500).contains(Int(response.status.code)), "\(uri): \(response.status)")
                    #expect(response.isProblem, "\(uri)")
                }
            }
        }
    }
}
