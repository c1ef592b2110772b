import Foundation
import MatchCore
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

@Suite("A nightly run killed at the worst moment")
struct NightlyCrashTests {
    @Test("SIGKILL inside the write transaction leaves no offer; running the night again takes up its frozen lottery and gives its offers")
    func killedRun() async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        let expected = try await Database.withOpen(settings, role: .application, logger: TestCluster.logger) { database in
            _ = try await DemoDataset(database: database).load()
            _ = try await PolicyStore(database: database).create(officeCode: DemoDataset.officeCode, draft: PolicyDraft(), actor: "test")
            let outcome = try await NightlyJob(database: database).run(
                officeCode: DemoDataset.officeCode, options: NightlyOptions(date: NightlyFixture.night(), dryRun: true)
            )
            guard case .dryRun(let report, _) = outcome else { throw TestFailure("dry run did not run: \(outcome)") }
            return report
        }

        let process = Process()
        process.executableURL = CommandLine.executable
        process.arguments = ["nightly", "--office", DemoDataset.officeCode, "--date", NightlyFixture.night()]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = settings.redactedURL
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice

        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            // The write's last statement is its audit entry, after every run, offer and snapshot
            // row: holding the audit log's table lock stops the run right there, uncommitted.
            try await database.withConnection { blocker in
                try await blocker.query("BEGIN")
                try await blocker.query("LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE")
                try process.run()
                defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
                var waiting = 0
                while try await waitingOnLock(database) == 0, waiting < 1200 {
                    try await Task.sleep(for: .milliseconds(50)); waiting += 1
                }
                #expect(waiting < 1200, "the run reached its last statement before commit")
                #expect(try await count("SELECT count(*) FROM offers", database) == 0, "nothing is visible before commit")
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                try await blocker.query("ROLLBACK")
            }
            while try await activeRuns(database) > 0 { try await Task.sleep(for: .milliseconds(50)) }
            for table in ["offers", "match_runs", "match_assignments", "offer_transitions", "outbox_messages", "outbox_releases"] {
                #expect(try await count("SELECT count(*) FROM \(table)", database) == 0, "\(table) has nothing from the killed run")
            }
            #expect(try await count("SELECT count(*) FROM market_freezes WHERE released_at IS NULL", database) == 1,
                    "the freeze and its published commitment were committed before the run and stay")
        }
        let frozen = try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            let rows = try await database.query("SELECT f.commitment, s.secret FROM market_freezes f JOIN market_freeze_secrets s ON s.freeze_id = f.id")
            var found: (String, String) = ("", "")
            for try await row in rows.decode((String, String).self) { found = row }
            return found
        }

        let again = try CommandLine.run(["nightly", "--office", DemoDataset.officeCode, "--date", NightlyFixture.night()],
                                        environment: ["DATABASE_URL": settings.redactedURL])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("\(expected.offers) offers released"))
        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            let rows = try await database.query("SELECT seed_commitment, seed_secret, seed FROM match_runs WHERE status = 'committed'")
            var runs = 0
            for try await (commitment, secret, seed) in rows.decode((String, String, Int64).self) {
                #expect(commitment == frozen.0, "the rerun drew the lottery it had committed to, not a new one")
                #expect(secret == frozen.1)
                #expect(UInt64(bitPattern: seed) == (try LotteryReveal(secretHex: secret, commitment: commitment)).seed)
                runs += 1
            }
            #expect(runs == 1)
            #expect(try await count("SELECT count(*) FROM offers", database) == expected.offers)
            #expect(try await count("SELECT count(*) FROM market_freezes WHERE released_at IS NULL", database) == 0)
        }
    }

    /// Sessions of this database waiting for a lock: the run, stopped by the test's lock.
    private func waitingOnLock(_ database: Database) async throws -> Int {
        try await count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", database)
    }

    /// Sessions of this database busy or inside a transaction, other than the test's own: the
    /// killed run's, until the server notices its connection is gone and rolls it back.
    private func activeRuns(_ database: Database) async throws -> Int {
        try await count("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')
            """, database)
    }

    private func count(_ sql: String, _ database: Database) async throws -> Int {
        let rows = try await database.query(PostgresQuery(unsafeSQL: sql))
        for try await value in rows.decode(Int.self) { return value }
        return -1
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
