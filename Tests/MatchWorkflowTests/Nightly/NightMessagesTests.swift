import Foundation
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

/// The night's messages (issue 18): the result to the office's staff and the release row in the
/// night's own transaction, one message per offer and channel from that row (ADR 0047),
/// withdrawals on a rerun, expiries.
@Suite("What a night tells people")
struct NightMessagesTests {
    @Test("a night commits one release row with its offers; the worker's pass turns it into one message per offer and channel; running either again writes nothing more")
    func released() async throws {
        try await withTestDatabase(role: .application) { (database) async throws in
            try await NightlyFixture.prepare(database)
            try await StaffRecipients(database: database).ensureNightResultRecipient(
                officeCode: NightlyFixture.office, name: "值班员", contact: "duty@example.cn")
            try await StaffRecipients(database: database).ensureNightResultRecipient(
                officeCode: NightlyFixture.office, name: "短信值班员", contact: "13900000099")
            guard case .committed(let runID, _) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM outbox_releases WHERE run_id = \(runID) AND finished_at IS NULL", database) == 1)
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM offers WHERE run_id = \(runID) AND id <= (SELECT after_offer_id FROM outbox_releases)", database) == 0,
                "every offer of the run lies after the row's mark")
            #expect(try await NightlyFixture.count("SELECT count(*) FROM outbox_messages WHERE kind = 'offer_released'", database) == 0,
                    "the night itself writes no release message")
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM outbox_messages WHERE kind = 'night_result' AND subject_id = \(runID)", database) == 2)
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM outbox_messages WHERE kind = 'night_result' AND channel = 'sms'", database) == 1)

            #expect(try await OutboxStore(database: database).releaseMessages.writeAll() == 14)
            #expect(try await NightlyFixture.count(
                """
                SELECT count(*) FROM offers o JOIN outbox_messages m ON m.kind = 'offer_released' AND m.subject_id = o.id
                     AND m.candidate_id = o.candidate_id AND m.channel = 'email'
                """, database) == 14)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM outbox_messages WHERE kind = 'offer_released'", database) == 14)
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM outbox_releases WHERE finished_at IS NOT NULL AND offers_told = 14", database) == 1)
            #expect(try await OutboxStore(database: database).releaseMessages.writeAll() == 0)
            guard case .alreadyDone = try await NightlyFixture.run(database) else { Issue.record("ran twice"); return }
            #expect(try await NightlyFixture.count("SELECT count(*) FROM outbox_messages", database) == 16)
        }
    }

    @Test("release messages written in small batches, by two writers at once and after a stop mid-way: each offer told once")
    func releasedInBatches() async throws {
        try await withTestDatabase(role: .application) { (database) async throws in
            try await NightlyFixture.prepare(database)
            guard case .committed = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            let small = ReleaseMessages(database: database, batch: 3)
            #expect(try await small.writeNextBatch() == 3, "a first batch, then the writer stops")
            #expect(try await NightlyFixture.count("SELECT count(*) FROM outbox_messages WHERE kind = 'offer_released'", database) == 3)
            // What a stop between batches leaves is resumed by whichever writer comes next; two at
            // once take turns on the row (the other skips it while it is locked).
            async let one = small.writeAll()
            async let two = small.writeAll()
            let (first, second) = try await (one, two)
            #expect(first + second == 11)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM outbox_messages WHERE kind = 'offer_released'", database) == 14)
            #expect(try await NightlyFixture.count(
                "SELECT count(DISTINCT subject_id) FROM outbox_messages WHERE kind = 'offer_released'", database) == 14)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM outbox_releases WHERE finished_at IS NULL", database) == 0)
        }
    }

    @Test("a post the night leaves out (ADR 0032) does not stop the staff's message: one night result, the office's own figures")
    func nightWithPostLeftOut() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            try await StaffRecipients(database: database).ensureNightResultRecipient(
                officeCode: NightlyFixture.office, name: "值班员", contact: "duty@example.cn")
            try await database.client.query(
                """
                INSERT INTO vacancy_household_rules (vacancy_id, kind, region_code, legal_basis)
                SELECT id, 'registered_outside', '511900', 'test basis, article 1' FROM vacancies WHERE external_id = 'BZ-2026-003'
                """
            )
            guard case .committed(let runID, _) = try await NightlyFixture.run(database) else { Issue.record("expected a committed run"); return }
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM outbox_messages WHERE kind = 'night_result' AND subject_id = \(runID)", database) == 1)
            var night: MessageFacts.Night?
            while let delivered = try await OutboxStore(database: database).deliverNext({ _ in .sent(detail: "test") }) {
                if delivered.message.kind == .nightResult { night = delivered.message.facts.night }
            }
            #expect(night?.officeName.isEmpty == false && night?.status == "committed" && (night?.seats ?? 0) > 0, "\(String(describing: night))")
        }
    }

    @Test("a rerun tells those whose offer it withdrew, except when it offers them the same post again; expiry tells each candidate once")
    func rerunAndExpiry() async throws {
        try await withTestDatabase(role: .application) { (database) async throws in
            try await NightlyFixture.prepare(database)
            guard case .committed(let first, _) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            // One candidate's place is taken away before the rerun: their offer changes or goes.
            let moved = try await NightlyFixture.count(
                "SELECT candidate_id::int FROM offers WHERE run_id = \(first) ORDER BY candidate_id LIMIT 1", database)
            try await database.client.query(PostgresQuery(unsafeSQL: "DELETE FROM ranking_entries WHERE ranking_id IN (SELECT id FROM rankings WHERE candidate_id = \(moved))"))
            guard case .committed(let second, _) = try await NightlyFixture.run(database, rerun: true) else { Issue.record("no rerun"); return }
            let changed = try await NightlyFixture.count(
                """
                SELECT count(*) FROM offers old WHERE old.run_id = \(first) AND NOT EXISTS (
                    SELECT 1 FROM offers n WHERE n.run_id = \(second) AND n.candidate_id = old.candidate_id AND n.vacancy_id = old.vacancy_id)
                """, database)
            #expect(changed >= 1)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM outbox_messages WHERE kind = 'offer_withdrawn'", database) == changed)
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM outbox_messages WHERE kind = 'offer_withdrawn' AND candidate_id = \(moved)", database) == 1)
            let expired = try await OfferExpiry(database: database).run(asOf: Date().addingTimeInterval(30 * 86400), actor: "test")
            _ = try await OfferExpiry(database: database).run(asOf: Date().addingTimeInterval(30 * 86400), actor: "test")
            #expect(expired > 0)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM outbox_messages WHERE kind = 'offer_expired'", database) == expired)
        }
    }

    @Test("a reminder is written once for each pending offer 48 hours before its deadline, however often the scan runs")
    func reminders() async throws {
        try await withTestDatabase(role: .application) { (database) async throws in
            try await NightlyFixture.prepare(database)
            guard case .committed(let runID, _) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            let reminders = DeadlineReminders(database: database)
            #expect(try await reminders.scan() == 0, "a week ahead, nothing is due")
            let inSixDays = Date().addingTimeInterval(6 * 86400)
            #expect(try await reminders.scan(now: inSixDays) == 14)
            async let one = reminders.scan(now: inSixDays.addingTimeInterval(30))
            async let two = reminders.scan(now: inSixDays.addingTimeInterval(60))
            _ = try await (one, two)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM outbox_messages WHERE kind = 'offer_deadline'", database) == 14)
            #expect(try await NightlyFixture.count(
                "SELECT count(DISTINCT subject_id) FROM outbox_messages m JOIN offers o ON o.id = m.subject_id WHERE m.kind = 'offer_deadline' AND o.run_id = \(runID)",
                database) == 14)
        }
    }
}
