import Foundation
import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

@Suite("A nightly run killed at the worst moment")
struct NightlyCrashTests {
    @Test("SIGKILL inside the write transaction leaves no offer; running the night again gives the same snapshot and seed")
    func killedRun() async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        let expected = try await Database.withOpen(settings, role: .application, logger: TestCluster.logger) { database in
            _ = try await DemoDataset(database: database).load()
            _ = try await PolicyStore(database: database).create(officeCode: DemoDataset.officeCode, draft: PolicyDraft(), actor: "test")
            let outcome = try await NightlyJob(database: database).run(
                officeCode: DemoDataset.officeCode, options: NightlyOptions(date: "2026-11-21", dryRun: true)
            )
            guard case .dryRun(let report, _) = outcome else { throw TestFailure("dry run did not run: \(outcome)") }
            return report
        }

        let process = Process()
        process.executableURL = CommandLine.executable
        process.arguments = ["nightly", "--office", DemoDataset.officeCode, "--date", "2026-11-21"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = settings.redactedURL
        environment["TALENTMATCH_FAULT_PAUSE_BEFORE_COMMIT_MS"] = "60000"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            // Wait until every row is written and the transaction sits uncommitted.
            var waiting = 0
            while try await idleInTransaction(database) == 0, waiting < 600 {
                try await Task.sleep(for: .milliseconds(50)); waiting += 1
            }
            #expect(waiting < 600, "the run reached its pause before commit")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            while try await idleInTransaction(database) > 0 { try await Task.sleep(for: .milliseconds(50)) }
            for table in ["offers", "match_runs", "match_assignments", "offer_transitions"] {
                #expect(try await count("SELECT count(*) FROM \(table)", database) == 0, "\(table) has nothing from the killed run")
            }
        }

        let again = try CommandLine.run(["nightly", "--office", DemoDataset.officeCode, "--date", "2026-11-21"],
                                        environment: ["DATABASE_URL": settings.redactedURL])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("\(expected.offers) offers released"))
        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            let rows = try await database.client.query("SELECT snapshot_hash, seed FROM match_runs WHERE status = 'committed'")
            for try await (hash, seed) in rows.decode((String, Int64).self) {
                #expect(hash == expected.snapshotHash)
                #expect(UInt64(bitPattern: seed) == expected.seed)
            }
            #expect(try await count("SELECT count(*) FROM offers", database) == expected.offers)
        }
    }

    private func idleInTransaction(_ database: Database) async throws -> Int {
        try await count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'", database)
    }

    private func count(_ sql: String, _ database: Database) async throws -> Int {
        let rows = try await database.client.query(PostgresQuery(unsafeSQL: sql))
        for try await value in rows.decode(Int.self) { return value }
        return -1
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
