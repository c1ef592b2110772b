import Foundation
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
import Testing

@Suite("Local clusters")
struct LocalClusterTests {
    @Test("a cluster is created on first start, a second start is a no-op, and stop stops it")
    func lifecycle() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tm-lc-\(getpid())-\(UInt16.random(in: 0...9999))").path
        let cluster = LocalCluster(directory: folder, durability: .throwaway, binaries: try PostgresBinaries.locate())
        defer { cluster.destroyImmediately() }
        #expect(try await cluster.status() == .notCreated)
        #expect(try await cluster.start() == .createdAndStarted)
        #expect(try await cluster.start() == .alreadyRunning)
        #expect(try await cluster.status() == .running)
        try await Database.probe(cluster.connection(database: "postgres"), logger: TestCluster.logger)
        #expect(try await cluster.stop())
        #expect(try await cluster.status() == .stopped)
        #expect(try await cluster.stop() == false)
        #expect(try await cluster.start() == .started)
    }

    @Test("missing server programs are explained with the install command and the DATABASE_URL alternative")
    func missingBinaries() {
        let error = #expect(throws: ClusterError.serverBinariesNotFound) {
            try PostgresBinaries.locate(path: "/nonexistent", versionedRoot: "/nonexistent")
        }
        #expect(error?.description.contains("apt-get install postgresql") == true)
        #expect(error?.description.contains("DATABASE_URL") == true)
    }

    @Test("the server listens on no TCP port")
    func noTCP() async throws {
        let settings = try await TestCluster.shared.maintenanceConnection()
        try await Database.withOpen(settings, logger: TestCluster.logger) { (database) async throws in
            let rows = try await database.client.query("SELECT current_setting('listen_addresses')")
            for try await value in rows.decode(String.self) { #expect(value == "") }
        }
    }
}
