import MatchStore
import MatchStoreTesting
import Testing

@Suite("Unreachable databases")
struct DatabaseErrorTests {
    @Test("a refused TCP connection is one line naming the host and the cause")
    func refusedTCP() async throws {
        // Port 1 on loopback: nothing listens there, so the kernel refuses at once.
        let settings = try DatabaseURL.parse("postgres://nobody@127.0.0.1:1/talent?sslmode=disable")
        let error = await #expect(throws: DatabaseError.self) {
            try await Database.probe(settings, logger: TestCluster.logger)
        }
        #expect(error?.kind == .unreachable)
        #expect(error?.message.contains("127.0.0.1:1") == true)
        #expect(error?.message.lowercased().contains("refused") == true)
        #expect(error?.message.contains("\n") == false)
    }

    @Test("a missing socket names the socket path")
    func missingSocket() async throws {
        let settings = ConnectionSettings(endpoint: .unixSocket(path: "/nonexistent/.s.PGSQL.5432"), username: "x", password: nil, database: "y")
        let error = await #expect(throws: DatabaseError.self) {
            try await Database.probe(settings, logger: TestCluster.logger)
        }
        #expect(error?.message.contains("/nonexistent/.s.PGSQL.5432") == true)
    }

    @Test("a database that does not exist is reported by the server's own words")
    func unknownDatabase() async throws {
        var settings = try await TestCluster.shared.maintenanceConnection()
        settings.database = "no_such_database"
        let error = await #expect(throws: DatabaseError.self) {
            try await Database.probe(settings, logger: TestCluster.logger)
        }
        #expect(error?.sqlState == "3D000")
        #expect(error?.message.contains("no_such_database") == true)
    }
}
