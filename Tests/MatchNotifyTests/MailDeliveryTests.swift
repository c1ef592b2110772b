import Foundation
@testable import MatchNotify
@testable import MatchStore
import MatchStoreTesting
import MatchWeb
import PostgresNIO
import Testing

/// E-mail end to end (issue 18): the outbox, the worker, msmtp and a real SMTP server on
/// loopback (python3-aiosmtpd). Each message arrives once, with UTF-8 headers and text in the
/// recipient's language; the relay down for a while loses nothing and sends nothing twice.
@Suite("E-mail through a real SMTP server", .serialized)
struct MailDeliveryTests {
    static func channels(port: Int) throws -> MessageChannels {
        MessageChannels(
            composer: try MessageComposer.load(publicURL: "https://rencai.example.cn"),
            mail: MailSender(relay: .host("127.0.0.1", port: port), from: MailAddress(parsing: "人才引进匹配平台 <noreply@rencai.example.cn>")!,
                             timeoutSeconds: 10)
        )
    }

    @Test("a night's offers arrive once each, in Chinese or English as each candidate reads the pages, with RFC 2047 subjects and a UTF-8 body")
    func nightByMail() async throws {
        try await withTestDatabase(role: .application) { (database) async throws in
            try await NightlyFixture.prepare(database)
            try await database.client.query("UPDATE candidates SET language = 'en' WHERE id % 2 = 0")
            guard case .committed = try await NightlyFixture.run(database) else { Issue.record("no night"); return }
            let server = try await SMTPTestServer()
            defer { Task { await server.stop() } }
            let worker = DeliveryWorker(store: OutboxStore(database: database), channels: try Self.channels(port: server.port),
                                        concurrency: 3, logger: TestCluster.logger)
            let report = try await worker.drain()
            #expect(report.sent == 14 && report.total == 14)
            let mails = try server.messages()
            #expect(mails.count == 14)
            let expected = try await Self.expectations(database)
            #expect(Set(mails.compactMap { $0.header("Message-ID") }).count == 14, "one message each, no repeat")
            for mail in mails {
                guard let to = mail.header("To"), let expect = expected[to] else { Issue.record("unexpected recipient \(mail.header("To") ?? "-")"); continue }
                #expect(mail.header("Content-Type") == "text/plain; charset=UTF-8")
                #expect(mail.header("Content-Transfer-Encoding") == "base64")
                #expect(mail.header("MIME-Version") == "1.0" && mail.header("Auto-Submitted") == "auto-generated")
                #expect(mail.header("From")?.hasPrefix("=?UTF-8?B?") == true && mail.header("From")?.hasSuffix("<noreply@rencai.example.cn>") == true)
                #expect(mail.header("Subject")?.hasPrefix("=?UTF-8?B?") == true, "a Chinese title needs encoded-words in every language")
                #expect(mail.header("Content-Language") == expect.language)
                let subject = mail.decodedHeader("Subject") ?? ""
                if expect.language == "en" {
                    #expect(subject == "You have an offer: \(expect.post)")
                    #expect(mail.text.contains("Hello,") && mail.text.contains("Answer by:") && mail.text.contains(expect.post))
                } else {
                    #expect(subject == "您获得了岗位录用：\(expect.post)")
                    #expect(mail.text.contains("您好：") && mail.text.contains("答复期限") && mail.text.contains(expect.post))
                }
                #expect(mail.text.contains("https://rencai.example.cn/offer"))
                #expect(mail.header("X-Envelope-From") == "noreply@rencai.example.cn")
            }
            #expect(try await NightlyFixture.count("SELECT count(*) FROM outbox_messages WHERE state = 'sent'", database) == 14)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM outbox_attempts WHERE outcome = 'sent'", database) == 14)
            #expect(try await worker.drain().total == 0, "nothing is sent twice")
            #expect(try server.messages().count == 14)
        }
    }

    @Test("the relay down, then up: every message is delivered once, every attempt recorded; an address the relay refuses fails at once")
    func relayDownThenUp() async throws {
        try await withTestDatabase(role: .application) { (database) async throws in
            try await NightlyFixture.prepare(database)
            guard case .committed = try await NightlyFixture.run(database) else { Issue.record("no night"); return }
            // The address is read when the message is sent: this one the relay refuses for good.
            try await database.client.query("UPDATE candidates SET contact = 'refused-' || contact WHERE id = (SELECT min(candidate_id) FROM offers)")
            let refusedOffered = 1
            let port = try SMTPTestServer.freePort()
            // The retry waits an hour, longer than any drain takes however loaded the machine is, so
            // each drain tries each message once; the test makes them due again itself.
            let store = OutboxStore(database: database, retry: .init(maxAttempts: 5, firstDelay: .seconds(3600), longestDelay: .seconds(3600)))
            let worker = DeliveryWorker(store: store, channels: try Self.channels(port: port), concurrency: 2, logger: TestCluster.logger)
            let down = try await worker.drain()
            #expect(down.retried == 14 && down.sent == 0, "nobody listens: every message waits for another try (\(down))")
            #expect(try await NightlyFixture.count("SELECT count(*) FROM outbox_messages WHERE state = 'pending' AND attempts = 1", database) == 14)
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM outbox_messages WHERE next_attempt_at > now() + interval '50 minutes'", database) == 14,
                "each waits for its retry")
            let server = try await SMTPTestServer(port: port, refusing: "refused-")
            defer { Task { await server.stop() } }
            try await database.client.query("UPDATE outbox_messages SET next_attempt_at = now()")
            let up = try await worker.drain()
            #expect(up.sent == 14 - refusedOffered && up.failed == refusedOffered, "\(up)")
            let mails = try server.messages()
            #expect(mails.count == 14 - refusedOffered)
            #expect(Set(mails.compactMap { $0.header("Message-ID") }).count == mails.count)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM outbox_attempts", database) == 28)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM outbox_messages WHERE state = 'failed' AND last_error LIKE '%550%'", database) == refusedOffered)
            try await database.client.query("UPDATE outbox_messages SET next_attempt_at = now() WHERE state = 'pending'")
            #expect(try await worker.drain().total == 0, "nothing is left to send")
            #expect(try server.messages().count == 14 - refusedOffered)
        }
    }

    /// Each offered candidate's address → their language and post.
    static func expectations(_ database: Database) async throws -> [String: (language: String, post: String)] {
        let rows = try await database.client.query(
            "SELECT c.contact, c.language, v.title FROM offers o JOIN candidates c ON c.id = o.candidate_id JOIN vacancies v ON v.id = o.vacancy_id")
        var expected: [String: (String, String)] = [:]
        for try await (contact, language, title) in rows.decode((String, String, String).self) { expected[contact] = (language, title) }
        return expected
    }
}
