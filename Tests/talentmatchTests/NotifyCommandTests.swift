import Foundation
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

/// `talentmatch notify` as operators use it (issue 18), and the worker killed mid-batch.
@Suite("talentmatch notify", .serialized)
struct NotifyCommandTests {
    /// A database with the demo's night: 14 offer messages by e-mail, and the night's result
    /// for one member of the office's staff.
    static func night() async throws -> ConnectionSettings {
        let settings = try await TestCluster.shared.makeDatabase()
        try await Database.withOpen(settings, role: .application, logger: TestCluster.logger) { database in
            try await NightlyFixture.prepare(database)
            try await StaffRecipients(database: database).ensureNightResultRecipient(
                officeCode: NightlyFixture.office, name: "值班员", contact: "duty@example.cn")
            _ = try await NightlyFixture.run(database)
        }
        return settings
    }

    @Test("the worker killed mid-batch: nothing is lost, and nothing recorded as sent is sent again")
    func killedMidBatch() async throws {
        let settings = try await Self.night()
        let server = try await SMTPTestServer(delay: 0.4)
        let process = Process()
        process.executableURL = CommandLine.executable
        process.arguments = ["notify"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = settings.redactedURL
        environment["TALENTMATCH_MAIL_RELAY"] = "smtp://127.0.0.1:\(server.port)"
        environment["TALENTMATCH_NOTIFY_WORKERS"] = "2"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let recorded = try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            var waited = 0
            while try await Self.count("SELECT count(*) FROM outbox_attempts WHERE outcome = 'sent'", database) < 4, waited < 600 {
                try await Task.sleep(for: .milliseconds(50)); waited += 1
            }
            kill(process.processIdentifier, SIGKILL)
            while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            // The killed worker's transactions end when PostgreSQL sees its connections close.
            while try await Self.count("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')
                """, database) > 0 { try await Task.sleep(for: .milliseconds(50)) }
            return try await Self.ids("SELECT message_id FROM outbox_attempts WHERE outcome = 'sent'", database)
        }
        #expect(recorded.count >= 4 && recorded.count < 15, "killed mid-batch: \(recorded.count) of 15 sent")
        try await Task.sleep(for: .seconds(1))  // an msmtp already running for the killed worker finishes its message
        let again = try CommandLine.run(["notify"], environment: [
            "DATABASE_URL": settings.redactedURL, "TALENTMATCH_MAIL_RELAY": "smtp://127.0.0.1:\(server.port)",
        ])
        #expect(again.status == 0, "\(again.stderr)")
        let received = try server.messages().compactMap { $0.header("Message-ID") }
        await server.stop()
        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            let all = try await Self.ids("SELECT id FROM outbox_messages", database)
            #expect(all.count == 15)
            #expect(try await Self.count("SELECT count(*) FROM outbox_messages WHERE state = 'sent'", database) == 15)
            for id in all {
                let copies = received.filter { $0 == "<outbox-\(id)@localhost>" }.count
                #expect(copies >= 1, "message \(id) was lost")
                if recorded.contains(id) { #expect(copies == 1, "message \(id) was recorded as sent and then sent again") }
            }
        }
    }

    @Test("--failed lists what was given up on, with why; --retry-failed sends it again; --status counts; a sink folder gets readable files")
    func failedAndSink() async throws {
        let settings = try await Self.night()
        let port = try SMTPTestServer.freePort()
        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            try await database.query("UPDATE candidates SET contact = 'refused-' || contact WHERE id = (SELECT min(candidate_id) FROM offers)")
        }
        let server = try await SMTPTestServer(port: port, refusing: "refused-")
        let relay = ["DATABASE_URL": settings.redactedURL, "TALENTMATCH_MAIL_RELAY": "smtp://127.0.0.1:\(port)"]
        let sent = try CommandLine.run(["notify"], environment: relay)
        #expect(sent.status == 0 && sent.stdout.contains("14 sent") && sent.stdout.contains("1 failed"), "\(sent.stdout)\(sent.stderr)")
        let failed = try CommandLine.run(["notify", "--failed"], environment: relay)
        #expect(failed.status == 0 && failed.stdout.contains("offer_released") && failed.stdout.contains("550") && failed.stdout.contains("r***@"))
        let status = try CommandLine.run(["notify", "--status"], environment: relay)
        #expect(status.stdout.contains("sent\t14") && status.stdout.contains("failed\t1") && status.stdout.contains("nights_to_announce\t0"))
        await server.stop()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString)")
        let retried = try CommandLine.run(["notify", "--retry-failed"], environment: ["DATABASE_URL": settings.redactedURL,
                                                                                      "TALENTMATCH_OUTBOX_SINK": folder.path])
        #expect(retried.status == 0 && retried.stdout.contains("1 failed message(s) will be sent again") && retried.stdout.contains("1 sent"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.count == 1 && files[0].hasSuffix("-offer_released-email.txt"))
        let text = try String(contentsOf: folder.appendingPathComponent(files[0]), encoding: .utf8)
        #expect(text.contains("Subject: 您获得了岗位录用：") && text.contains("To: refused-"))
        let usage = try CommandLine.run(["notify", "--failed", "--status"])
        #expect(usage.status == 64 && usage.stderr.contains("give one"), "a contradiction on the command line is a usage error (ADR 0046)")
    }

    static func count(_ sql: String, _ database: Database) async throws -> Int {
        for try await value in try await database.query(PostgresQuery(unsafeSQL: sql)).decode(Int.self) { return value }
        return -1
    }

    static func ids(_ sql: String, _ database: Database) async throws -> Set<Int64> {
        var ids = Set<Int64>()
        for try await value in try await database.query(PostgresQuery(unsafeSQL: sql)).decode(Int64.self) { ids.insert(value) }
        return ids
    }
}
