@testable import MatchStore
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
        #expect(error?.message.hasSuffix(": connection refused") == true, "the system's words, none of NIO's: \(String(describing: error))")
    }

    @Test("a missing socket names the socket path")
    func missingSocket() async throws {
        let settings = ConnectionSettings(endpoint: .unixSocket(path: "/nonexistent/.s.PGSQL.5432"), username: "x", password: nil, database: "y")
        let error = await #expect(throws: DatabaseError.self) {
            try await Database.probe(settings, logger: TestCluster.logger)
        }
        #expect(error?.message.contains("/nonexistent/.s.PGSQL.5432") == true)
        #expect(error?.message.hasSuffix(": no such file or directory") == true, "no errno, no stray bracket: \(String(describing: error))")
        #expect(error?.message.contains("errno") == false)
    }

    @Test("a network cause inside a wrapper's description keeps only the system's words", arguments: [
        ("connect(descriptor:addr:size:): Connection refused (errno: 111)", "connection refused"),
        // What NIO prints for a missing Unix socket, stray bracket and all.
        ("connect(descriptor:addr:size:): No such file or directory) (errno: 2)", "no such file or directory"),
        ("NIOConnectionError(connectionErrors: [SingleConnectionFailure(error: connect(descriptor:addr:size:): Connection refused) (errno: 111))])",
         "connection refused"),
    ])
    func wrappedCause(text: String, expected: String) {
        struct Described: Error, CustomStringConvertible { let description: String }
        #expect(DatabaseError.networkCause(Described(description: text)) == expected)
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
