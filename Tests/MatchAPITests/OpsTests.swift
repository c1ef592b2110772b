import Foundation
import Hummingbird
import HummingbirdTesting
import MatchAPI
import MatchStore
import MatchStoreTesting
import Testing

@Suite("Ops endpoints")
struct OpsTests {
    @Test("/health answers while the process lives; /ready needs a migrated database")
    func healthAndReady() async throws {
        let migrations = try MigrationSource(directory: TestCluster.schemaDirectory).load()
        for migrated in [true, false] {
            try await withTestDatabase(migrated: migrated) { (database) async throws in
                let router = try TalentMatchServer(database: database, trustedDatabase: database, migrations: migrations).makeRouter()
                try await Application(router: router).test(.router) { client in
                    try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
                    try await client.execute(uri: "/ready", method: .get) { response in
                        #expect(response.status == (migrated ? .ok : .serviceUnavailable))
                        #expect(String(buffer: response.body).contains(migrated ? "ready" : "talentmatch migrate"))
                    }
                }
            }
        }
    }

    @Test("X-Request-Id is echoed when sane, generated otherwise, and quoted in problems")
    func requestID() async throws {
        try await withAPI { fixture, client in
            try await client.execute(uri: "/health", method: .get, headers: [.init("X-Request-Id")!: "abc-123"]) {
                #expect($0.headers[.init("X-Request-Id")!] == "abc-123")
            }
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policy", method: .get, headers: [.init("X-Request-Id")!: "has space"]) { response in
                let generated = try #require(response.headers[.init("X-Request-Id")!])
                #expect(generated != "has space")
                #expect(UUID(uuidString: generated) != nil)
                #expect(JSONBody(response)["instance"] as? String == generated)
            }
        }
    }

    @Test("/metrics exposes request counts and latencies by route, and database pool use")
    func metrics() async throws {
        try await withAPI { fixture, client in
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policy", method: .get, headers: fixture.header(fixture.tokens.officeA)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("# TYPE hb_requests counter"))
                #expect(text.contains(#"http_route="/api/v1/offices/{officeCode}/policy""#)
                        || text.contains(#"http_route="/api/v1/offices/:officeCode/policy""#))
                #expect(text.contains("http_server_request_duration"))
                #expect(text.contains("talentmatch_db_transactions_in_flight"))
                #expect(text.contains("talentmatch_db_pool_max_connections"))
            }
        }
    }

    @Test("the contract is served at /api/v1/openapi.yaml without a token")
    func contract() async throws {
        try await withAPI { _, client in
            try await client.execute(uri: "/api/v1/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix("openapi: 3.1.0"))
            }
        }
    }
}
