import Foundation
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

/// A couple's partner is told when their linked offer is moved by the other's (ADR 0049,
/// migration 0114): exactly once, in the transaction of the move, whoever made it — the
/// partner who declines, an account's deletion, the expiry timer, an office whose regions
/// hold only the other partner's post.
@Suite("Linked offers: the partner is told")
struct LinkedOfferMessagesTests {
    typealias Side = LinkedOfferTests.Side

    @Test("a partner declines: the other is told once per channel that their offer ended with it; the one who declined is not told")
    func partnerDeclines() async throws {
        try await withTestDatabase { database in
            let (first, second) = try await LinkedOfferReviewTests.couple(0, database)
            #expect(try await CoupleOfferStore(database: database)
                .decline(offerID: second.offer, candidateID: second.candidate, reason: "declined by the candidate", actor: "test") == .bothDeclined)
            try await LinkedOfferReviewTests.expectTold("offer_released_with_partner", [first.offer], database)
            #expect(try await Self.messages(about: second.offer, database) == 0, "their own act: nothing to tell")
            #expect(try await Self.messages(about: first.offer, database) == Self.channels(of: first.offer, database),
                    "one message per channel, of one kind")
        }
    }

    @Test("one partner deletes their account: the other is told their offer ended with it")
    func accountDeleted() async throws {
        try await withTestDatabase { database in
            let (first, second) = try await LinkedOfferReviewTests.couple(0, database)
            try await CandidateDataStore(database: database).deleteAccount(candidateID: first.candidate, source: "test")
            #expect(try await LinkedOfferReviewTests.states(first, second, database) == ["declined", "declined"])
            try await LinkedOfferReviewTests.expectTold("offer_released_with_partner", [second.offer], database)
            #expect(try await Self.messages(about: second.offer, database) == Self.channels(of: second.offer, database))
        }
    }

    @Test("an office whose regions hold only one partner's post withdraws it: the partner it cannot see is told, once")
    func officeOfAnotherRegion() async throws {
        try await withTestDatabase { database in
            let (first, second) = try await LinkedOfferReviewTests.couple(0, database)
            // Couple 0's posts lie in 511902 and 511921; a county office oversees 511921 only.
            let county = Int64(try await NightlyFixture.count(
                "INSERT INTO offices (code, name, region_code) VALUES ('TJ-HR', '通江县人社局', '511921') RETURNING id::int", database))
            let inCounty = try await Self.region(of: second.offer, database) == "511921" ? second : first
            let outside = inCounty == second ? first : second
            try await Database.withOpen(database.settings, role: .application, sessionScope: .perTransaction, logger: database.logger,
                                        maxConnections: 2) { api in
                let office = api.scoped(.office(id: county), actor: "test")
                let withdrawn = try await OfferWithdrawals(database: office).withdraw(
                    offerIDs: [inCounty.offer], officeID: county, reason: "岗位编制调整", context: LinkedOfferReviewTests.reviewer)
                #expect(withdrawn == [inCounty.offer], "the office's scope moved only the offer it oversees")
                await #expect(throws: DatabaseError.self, "only the triggers write a partner's message") {
                    try await office.transaction { connection in
                        try await connection.query("SELECT tell_couple_partner(\(outside.offer))", logger: api.logger)
                    }
                }
            }
            #expect(try await LinkedOfferReviewTests.states(first, second, database) == ["withdrawn", "withdrawn"])
            try await LinkedOfferReviewTests.expectTold("offer_withdrawn", [inCounty.offer, outside.offer], database)
            #expect(try await Self.messages(about: outside.offer, database) == Self.channels(of: outside.offer, database))
        }
    }

    @Test("one partner's deadline passes alone: the timer expires both, and each partner gets one offer_expired per channel, nothing more")
    func expiryTellsOnce() async throws {
        try await withTestDatabase { database in
            let (first, second) = try await LinkedOfferReviewTests.couple(0, database)
            try await database.client.query(PostgresQuery(unsafeSQL:
                "UPDATE offers SET deadline = now() - interval '1 minute' WHERE id = \(first.offer)"))
            #expect(try await OfferExpiry(database: database).run() == 1)
            #expect(try await LinkedOfferReviewTests.states(first, second, database) == ["expired", "expired"])
            try await LinkedOfferReviewTests.expectTold("offer_expired", [first.offer, second.offer], database)
            for offer in [first.offer, second.offer] {
                #expect(try await Self.messages(about: offer, database) == Self.channels(of: offer, database))
            }
        }
    }

    @Test("both partners' offers withdrawn in one statement by a store that tells them: one offer_withdrawn each per channel, no second message")
    func storeAndTriggerTellOnce() async throws {
        try await withTestDatabase { database in
            let (first, second) = try await LinkedOfferReviewTests.couple(0, database)
            _ = try await OfferWithdrawals(database: database).withdraw(
                offerIDs: [first.offer], officeID: try await LinkedOfferReviewTests.office(database), reason: "编制调整",
                context: LinkedOfferReviewTests.reviewer)
            for offer in [first.offer, second.offer] {
                #expect(try await Self.messages(about: offer, database) == Self.channels(of: offer, database))
            }
            try await LinkedOfferReviewTests.expectTold("offer_withdrawn", [first.offer, second.offer], database)
        }
    }

    // MARK: - Reading

    /// Messages written about `offer`, whatever their kind, except the night's release
    /// message (the worker writes that one later, ADR 0047).
    static func messages(about offer: Int64, _ database: Database) async throws -> Int {
        try await NightlyFixture.count(
            "SELECT count(*)::int FROM outbox_messages WHERE subject_id = \(offer) AND kind LIKE 'offer_%' AND kind <> 'offer_released'",
            database)
    }

    static func channels(of offer: Int64, _ database: Database) async throws -> Int {
        try await NightlyFixture.count(
            "SELECT cardinality(c.message_channels)::int FROM offers o JOIN candidates c ON c.id = o.candidate_id WHERE o.id = \(offer)",
            database)
    }

    static func region(of offer: Int64, _ database: Database) async throws -> String {
        for try await code in try await database.client.query(PostgresQuery(unsafeSQL:
            "SELECT v.region_code FROM offers o JOIN vacancies v ON v.id = o.vacancy_id WHERE o.id = \(offer)")).decode(String.self) {
            return code
        }
        return ""
    }
}
