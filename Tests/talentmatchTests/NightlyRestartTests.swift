import Foundation
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

@Suite("A nightly run whose database restarts under it")
struct NightlyRestartTests {
    @Test("the server restarting before COMMIT loses the connection; the job retries and commits the night once")
    func restartMidRun() async throws {
        // A private cluster: restarting the shared test cluster would break other tests.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tm-restart-\(getpid())").path
        let cluster = LocalCluster(directory: folder, durability: .throwaway, binaries: try PostgresBinaries.locate())
        defer { cluster.destroyImmediately() }
        try await cluster.start()
        try await DatabaseProvisioner(server: cluster.connection(database: "postgres"), logger: TestCluster.logger).ensureDatabase("night")
        let settings = cluster.connection(database: "night")
        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            _ = try await MigrationRunner(database: database, migrations: try MigrationSource(directory: TestCluster.schemaDirectory).load()).migrate()
            try await ShippedReference(directory: TestCluster.schemaDirectory + "/reference").load(into: ReferenceStore(database: database)) { _ in }
            _ = try await DemoDataset(database: database).load()
            _ = try await PolicyStore(database: database).create(officeCode: DemoDataset.officeCode, draft: PolicyDraft(), actor: "test")
        }

        let process = Process()
        process.executableURL = CommandLine.executable
        process.arguments = ["nightly", "--office", DemoDataset.officeCode, "--date", NightlyFixture.night()]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = settings.redactedURL
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // Restart while the run sits in its write transaction, uncommitted: the test holds the
        // audit log's table lock, so the run stops at its last statement, the audit row, after
        // every run, offer and snapshot row.
        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            try await database.withConnection { blocker in
                try await blocker.query("BEGIN")
                try await blocker.query("LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE")
                try process.run()
                var waited = 0
                while waited < 600 {
                    let rows = try await database.query(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    )
                    var waiting = 0
                    for try await count in rows.decode(Int.self) { waiting = count }
                    if waiting > 0 { break }
                    try await Task.sleep(for: .milliseconds(50)); waited += 1
                }
                #expect(waited < 600, "the run reached its last statement before commit")
                #expect(try await cluster.stop())
            }
        }
        try await cluster.start()

        for _ in 0..<600 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning, "the job finished within 30 s")
        #expect(process.terminationStatus == 0)
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("14 offers released"), "\(printed)")
        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            let rows = try await database.query("SELECT count(*) FROM match_runs WHERE status = 'committed'")
            for try await runs in rows.decode(Int.self) { #expect(runs == 1) }
            let offers = try await database.query("SELECT count(*) FROM offers")
            for try await count in offers.decode(Int.self) { #expect(count == 14) }
        }
    }
}
