import Foundation
import MatchStore
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
        process.arguments = ["nightly", "--office", DemoDataset.officeCode, "--date", "2026-11-21"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = settings.redactedURL
        environment["TALENTMATCH_FAULT_PAUSE_BEFORE_COMMIT_MS"] = "3000"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // Restart while the run sits in its write transaction, uncommitted: its last statement
        // before the pause is the audit row (the snapshot transaction is idle between its
        // statements too, and must not be mistaken for it).
        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            var waited = 0
            while waited < 600 {
                let rows = try await database.client.query(
                    """
                    SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'
                      AND query LIKE '%INSERT INTO audit_log%'
                    """
                )
                var inTransaction = 0
                for try await count in rows.decode(Int.self) { inTransaction = count }
                if inTransaction > 0 { break }
                try await Task.sleep(for: .milliseconds(50)); waited += 1
            }
            #expect(waited < 600, "the run reached its pause before commit")
        }
        #expect(try await cluster.stop())
        try await cluster.start()

        for _ in 0..<600 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning, "the job finished within 30 s")
        #expect(process.terminationStatus == 0)
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("14 offers released"), "\(printed)")
        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            let rows = try await database.client.query("SELECT count(*) FROM match_runs WHERE status = 'committed'")
            for try await runs in rows.decode(Int.self) { #expect(runs == 1) }
            let offers = try await database.client.query("SELECT count(*) FROM offers")
            for try await count in offers.decode(Int.self) { #expect(count == 14) }
        }
    }
}
