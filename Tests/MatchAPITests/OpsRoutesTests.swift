import Hummingbird
import HummingbirdTesting
import MatchAPI
import MatchStore
import MatchStoreTesting
import Testing

@Suite("Ops endpoints")
struct OpsRoutesTests {
    @Test("/health answers while the process lives; /ready needs a migrated database")
    func healthAndReady() async throws {
        let migrations = try MigrationSource(directory: TestCluster.schemaDirectory).load()
        for migrated in [true, false] {
            try await withTestDatabase(migrated: migrated) { (database) async throws in
                let router = Router()
                OpsRoutes(database: database, migrations: migrations).register(on: router)
                let app = Application(router: router)
                try await app.test(.router) { client in
                    try await client.execute(uri: "/health", method: .get) { response in
                        #expect(response.status == .ok)
                    }
                    try await client.execute(uri: "/ready", method: .get) { response in
                        #expect(response.status == (migrated ? .ok : .serviceUnavailable))
                        #expect(String(buffer: response.body).contains(migrated ? "ready" : "talentmatch migrate"))
                    }
                }
            }
        }
    }
}
