import Foundation
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Synchronization
import Testing

/// The transactional outbox (issue 18, ADR 0042–0043): a message exists if and only if its
/// event committed, each event reaches each recipient once per channel, and the worker's side
/// claims, retries, gives up and never sends a recorded message twice.
@Suite("The outbox")
struct OutboxTests {
    struct Rollback: Error {}

    @Test("a message written in a transaction that rolls back does not exist; one that commits does, once however often it is written")
    func transactional() async throws {
        try await withTestDatabase { database in
            let id = try await Self.candidate(database, contact: "a@example.cn")
            await #expect(throws: Rollback.self) {
                try await database.transaction { connection in
                    try await OutboxWrites.tellCandidate(.reviewDecided, subject: 7, candidateID: id, on: connection, logger: database.logger)
                    throw Rollback()
                }
            }
            #expect(try await Self.count("SELECT count(*) FROM outbox_messages", database) == 0)
            for _ in 0..<3 {
                try await database.transaction { connection in
                    try await OutboxWrites.tellCandidate(.reviewDecided, subject: 7, candidateID: id, on: connection, logger: database.logger)
                }
            }
            #expect(try await Self.count("SELECT count(*) FROM outbox_messages", database) == 1)
        }
    }

    @Test("the hooks for issues 16 and 17: a restored offer and a couple invitation reach the candidate once; an invitation turned off is not written, a restored offer always is")
    func hooks() async throws {
        try await withTestDatabase { database in
            let id = try await Self.candidate(database, contact: "h@example.cn")
            for _ in 0..<2 {
                try await database.transaction { connection in
                    try await OutboxWrites.offerReinstated(offerID: 11, candidateID: id, on: connection, logger: database.logger)
                    try await OutboxWrites.coupleInvitation(invitationID: 5, candidateID: id, inviterName: "王小明", on: connection,
                                                            logger: database.logger)
                }
            }
            #expect(try await Self.count("SELECT count(*) FROM outbox_messages WHERE kind = 'offer_reinstated' AND subject_id = 11", database) == 1)
            #expect(try await Self.count(
                "SELECT count(*) FROM outbox_messages WHERE kind = 'couple_invitation' AND subject_id = 5 AND payload->>'inviter' = '王小明'",
                database) == 1)
            try await Self.execute("UPDATE candidates SET muted_messages = ARRAY['couple_invitation'] WHERE id = \(id)", database)
            try await database.transaction { connection in
                try await OutboxWrites.coupleInvitation(invitationID: 6, candidateID: id, inviterName: "王小明", on: connection, logger: database.logger)
                try await OutboxWrites.offerReinstated(offerID: 12, candidateID: id, on: connection, logger: database.logger)
            }
            #expect(try await Self.count("SELECT count(*) FROM outbox_messages WHERE kind = 'couple_invitation'", database) == 1)
            #expect(try await Self.count("SELECT count(*) FROM outbox_messages WHERE kind = 'offer_reinstated'", database) == 2)
        }
    }

    @Test("a message goes by each chosen channel that has a verified address; the stored channels agree with the worker's addresses")
    func channels() async throws {
        try await withTestDatabase { database in
            // (contact, verified, second, verified, choice) → channels
            let cases: [(String, Bool, String?, Bool, String, [String])] = [
                ("e@example.cn", true, nil, false, "NULL", ["email"]),
                ("13900000001", true, nil, false, "NULL", ["sms"]),
                ("e2@example.cn", false, nil, false, "NULL", []),
                ("e3@example.cn", true, "13900000002", true, "'{email,sms}'", ["email", "sms"]),
                ("e4@example.cn", true, "13900000003", false, "'{email,sms}'", ["email"]),
                ("e5@example.cn", true, "13900000004", true, "'{sms}'", ["sms"]),
                ("13900000005", true, "e6@example.cn", true, "'{email}'", ["email"]),
                ("13900000006", false, "e7@example.cn", true, "'{email,sms}'", ["email"]),
            ]
            for (contact, verified, second, secondVerified, choice, expected) in cases {
                let id = try await Self.candidate(database, contact: contact, verified: verified)
                try await Self.execute(
                    """
                    UPDATE candidates SET second_contact = \(second.map { "'\($0)'" } ?? "NULL"),
                        second_contact_verified_at = \(secondVerified ? "now()" : "NULL"), message_channel_choice = \(choice)
                    WHERE id = \(id)
                    """, database)
                let stored = try await Self.text("SELECT array_to_string(message_channels, ',') FROM candidates WHERE id = \(id)", database)
                #expect(stored == expected.joined(separator: ","), "\(contact): \(stored)")
                let chosen = choice == "NULL" ? [contact.contains("@") ? "email" : "sms"] : choice.contains("sms") && choice.contains("email")
                    ? ["email", "sms"] : [choice.contains("sms") ? "sms" : "email"]
                for channel in ["email", "sms"] {
                    let address = try await Self.text(
                        """
                        SELECT coalesce(candidate_address('\(channel)', contact, contact_verified_at, second_contact,
                                                          second_contact_verified_at), '-') FROM candidates WHERE id = \(id)
                        """, database)
                    // Stored exactly when chosen and the worker would find an address.
                    #expect(stored.contains(channel) == (chosen.contains(channel) && address != "-"), "\(contact) \(channel)")
                }
            }
            try await Self.execute("UPDATE candidates SET status = 'withdrawn'", database)
            #expect(try await Self.count("SELECT count(*) FROM candidates WHERE message_channels <> '{}'", database) == 0)
        }
    }

    @Test("two workers never take one message: the claim skips what another holds")
    func skipLocked() async throws {
        try await withTestDatabase { database in
            let id = try await Self.candidate(database, contact: "b@example.cn")
            for subject in [1, 2] as [Int64] {
                try await database.transaction { connection in
                    try await OutboxWrites.tellAddress(.passwordChanged, subject: subject, candidateID: id, address: "b@example.cn",
                                                       on: connection, logger: database.logger)
                }
            }
            let store = OutboxStore(database: database)
            let holding = Gate()
            async let first = store.deliverNext { message in
                await holding.open()
                await holding.waitForRelease()
                return .sent(detail: "first \(message.id)")
            }
            await holding.waitUntilOpen()
            let second = try await store.deliverNext { .sent(detail: "second \($0.id)") }
            let third = try await store.deliverNext { _ in Issue.record("nothing is left to claim"); return .sent(detail: "") }
            await holding.release()
            let firstID = try await first?.message.id
            #expect(second != nil && third == nil)
            #expect(firstID != second?.message.id)
            #expect(try await Self.count("SELECT count(*) FROM outbox_attempts WHERE outcome = 'sent'", database) == 2)
        }
    }

    @Test("a failed attempt waits (doubling), the last one gives up; the failure is listed for staff with its reason; staff send it again")
    func retries() async throws {
        try await withTestDatabase { database in
            let id = try await Self.candidate(database, contact: "13900000009")
            try await database.transaction { connection in
                try await OutboxWrites.tellAddress(.passwordChanged, subject: 1, candidateID: id, address: "13900000009",
                                                   on: connection, logger: database.logger)
            }
            let patient = OutboxStore(database: database, retry: .init(maxAttempts: 3, firstDelay: .seconds(60), longestDelay: .seconds(600)))
            let first = try await patient.deliverNext { _ in .retry(reason: "relay down") }
            #expect(first?.state == "pending")
            // Each call outside #expect: a trailing closure inside the macro was seen to be called by a later call.
            let early = try await patient.deliverNext { _ in .sent(detail: "") }
            #expect(early == nil, "not due for another minute")
            // Exactly a minute after the attempt was recorded (both are its transaction's now()),
            // not "about a minute from now", which a stalled machine made fail.
            #expect(try await Self.count(
                """
                SELECT count(*) FROM outbox_messages m JOIN outbox_attempts a ON a.message_id = m.id
                WHERE a.attempt = 1 AND m.next_attempt_at = a.at + interval '60 seconds'
                """,
                database) == 1)
            #expect(patient.retry.delaySeconds(afterAttempt: 2) == 120 && patient.retry.delaySeconds(afterAttempt: 9) == 600)
            let eager = OutboxStore(database: database, retry: .init(maxAttempts: 3, firstDelay: .zero, longestDelay: .zero))
            try await Self.execute("UPDATE outbox_messages SET next_attempt_at = now()", database)
            let second = try await eager.deliverNext { _ in .retry(reason: "relay down") }
            #expect(second?.state == "pending")
            let last = try await eager.deliverNext { _ in .retry(reason: "relay still down") }
            #expect(last?.state == "failed" && last?.message.attempt == 3)
            let listed = try await FailedMessages(database: database).list()
            #expect(listed.items.count == 1 && listed.items[0].lastError.contains("relay still down") && listed.items[0].attempts == 3)
            #expect(listed.items[0].maskedAddress == "139****0009")
            #expect(try await Self.text("SELECT payload::text FROM outbox_messages", database) == "{}", "a final message forgets its facts")
            #expect(try await FailedMessages(database: database).retry(actor: "test") == 1)
            let again = try await eager.deliverNext { _ in .sent(detail: "at last") }
            #expect(again?.state == "sent" && again?.message.attempt == 1, "a message sent again has its attempts anew")
            #expect(try await Self.text("SELECT string_agg(attempt || ':' || outcome, ',' ORDER BY id) FROM outbox_attempts", database)
                    == "1:retry,2:retry,3:failed,4:sent", "the record of attempts goes on numbering")
        }
    }

    @Test("a message recorded as sent is never sent again, and the database refuses to make it pending; an account deleted meanwhile gets nothing")
    func sentOnce() async throws {
        try await withTestDatabase { database in
            let id = try await Self.candidate(database, contact: "c@example.cn")
            let gone = try await Self.candidate(database, contact: "gone@example.cn")
            try await database.transaction { connection in
                try await OutboxWrites.tellAddress(.passwordChanged, subject: 1, candidateID: id, address: "c@example.cn",
                                                   on: connection, logger: database.logger)
                try await OutboxWrites.tellAddress(.passwordChanged, subject: 2, candidateID: gone, address: "gone@example.cn",
                                                   on: connection, logger: database.logger)
            }
            try await Self.execute("UPDATE candidates SET status = 'withdrawn', contact = 'deleted:x' WHERE id = \(gone)", database)
            let calls = Mutex(0)
            let store = OutboxStore(database: database)
            var outcomes: [String] = []
            while let delivered = try await store.deliverNext({ _ in calls.withLock { $0 += 1 }; return .sent(detail: "ok") }) {
                outcomes.append(delivered.state)
            }
            #expect(outcomes.sorted() == ["cancelled", "sent"])
            #expect(calls.withLock { $0 } == 1, "the deleted account's message was not handed to a channel")
            await #expect(throws: DatabaseError.self) {
                try await Self.execute("UPDATE outbox_messages SET state = 'pending', finished_at = NULL WHERE state = 'sent'", database)
            }
        }
    }

    // MARK: fixtures

    static func candidate(_ database: Database, contact: String, verified: Bool = true) async throws -> Int64 {
        let rows = try await database.query(
            """
            INSERT INTO candidates (full_name, contact, education, accepted_modes, contact_verified_at)
            VALUES ('测试', \(contact), 'bachelor', ARRAY['full_transfer'], \(verified ? Date() : nil))
            RETURNING id
            """
        )
        for try await id in rows.decode(Int64.self) { return id }
        throw DatabaseError(kind: .other, message: "no candidate")
    }

    static func count(_ sql: String, _ database: Database) async throws -> Int {
        for try await value in try await database.query(PostgresQuery(unsafeSQL: sql)).decode(Int.self) { return value }
        return -1
    }

    static func text(_ sql: String, _ database: Database) async throws -> String {
        for try await value in try await database.query(PostgresQuery(unsafeSQL: sql)).decode(String.self) { return value }
        return ""
    }

    static func execute(_ sql: String, _ database: Database) async throws {
        try await database.query(PostgresQuery(unsafeSQL: sql))
    }
}

/// Lets a test hold a worker inside its send until it says so.
actor Gate {
    private var opened = false
    private var released = false
    private var openWaiters: [CheckedContinuation<Void, Never>] = []
    private var releaseWaiters: [CheckedContinuation<Void, Never>] = []

    func open() {
        opened = true
        openWaiters.forEach { $0.resume() }
        openWaiters = []
    }

    func waitUntilOpen() async {
        if opened { return }
        await withCheckedContinuation { openWaiters.append($0) }
    }

    func release() {
        released = true
        releaseWaiters.forEach { $0.resume() }
        releaseWaiters = []
    }

    func waitForRelease() async {
        if released { return }
        await withCheckedContinuation { releaseWaiters.append($0) }
    }
}
