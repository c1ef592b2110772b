import Foundation
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

/// A couple's two offers are linked (ADR 0041): accepted only together, before the deadline;
/// one decline frees both seats in one transaction; the database refuses accepting one alone.
@Suite("Linked offers")
struct LinkedOfferTests {
    /// Two couples and nobody else: (0, 1) ranks posts (0, 1), (2, 3) ranks post 2 for both.
    static let market = RandomCoupleMarket(
        posts: [("511902", 1), ("511921", 1), ("511922", 2)], rankings: [[0], [1], [2], [2], [], [], [], []],
        couples: [(0, 1, [(0, 1)]), (2, 3, [(2, 2)])], cap: 4, floor: 0
    )

    @Test("the night links both partners' offers; the first acceptance waits, the second accepts both; accepting one alone is refused")
    func acceptTogether() async throws {
        try await withTestDatabase { database in
            let offers = try await Self.night(database)
            let store = CoupleOfferStore(database: database)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM couple_offers", database) == 4)
            let (first, second) = offers[0]
            #expect(try await store.accept(offerID: first.offer, candidateID: first.candidate, actor: "test") == .waitingForPartner)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM offers WHERE state = 'accepted'", database) == 0)
            #expect(try await store.link(offerID: second.offer, candidateID: second.candidate)?.partnerAccepted == true)
            // The plain answer path refuses a linked offer, typed and changing nothing; a raw
            // statement accepting it alone is still refused by the database at commit.
            #expect(try await OfferStore(database: database).accept(offerID: second.offer, candidateID: second.candidate, actor: "test")
                    == .linkedToPartner(partnerOfferID: first.offer))
            await #expect(throws: DatabaseError.self) {
                try await database.transaction(.attributed(to: "test", reason: "raw")) { connection in
                    try await connection.query(PostgresQuery(unsafeSQL: "UPDATE offers SET state = 'accepted' WHERE id = \(second.offer)"),
                                               logger: database.logger)
                }
            }
            #expect(try await NightlyFixture.count("SELECT count(*) FROM offers WHERE state = 'accepted'", database) == 0)
            #expect(try await store.accept(offerID: second.offer, candidateID: second.candidate, actor: "test") == .bothAccepted)
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM offers WHERE state = 'accepted' AND id IN (\(first.offer), \(second.offer))", database) == 2)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM couple_offer_answers", database) == 0)
        }
    }

    @Test("one decline declines both offers in one transaction, recorded in each offer's history, and frees both seats")
    func declineReleasesBoth() async throws {
        try await withTestDatabase { database in
            let offers = try await Self.night(database)
            let store = CoupleOfferStore(database: database)
            let (first, second) = offers[1]
            #expect(try await store.accept(offerID: first.offer, candidateID: first.candidate, actor: "test") == .waitingForPartner)
            #expect(try await store.decline(offerID: second.offer, candidateID: second.candidate, reason: "declined by the candidate",
                                            actor: "test") == .bothDeclined)
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM offers WHERE state = 'declined' AND id IN (\(first.offer), \(second.offer))", database) == 2)
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM offer_transitions WHERE to_state = 'declined' AND offer_id IN (\(first.offer), \(second.offer))",
                database) == 2)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM couple_offer_answers", database) == 0)
            // Both seats of post 2 are free again: no pending or accepted offer holds them.
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM offers o JOIN vacancies v ON v.id = o.vacancy_id WHERE v.external_id = 'PT-2' AND o.state IN ('pending', 'accepted')",
                database) == 0)
            #expect(try await store.accept(offerID: first.offer, candidateID: first.candidate, actor: "test") == .notPending(state: "declined"))
        }
    }

    @Test("the plain answer path refuses to accept or decline a linked offer with a typed outcome, and changes nothing")
    func plainPathRefuses() async throws {
        try await withTestDatabase { database in
            let offers = try await Self.night(database)
            let plain = OfferStore(database: database)
            let (first, second) = offers[0]
            #expect(try await plain.accept(offerID: first.offer, candidateID: first.candidate, actor: "test")
                    == .linkedToPartner(partnerOfferID: second.offer))
            #expect(try await plain.decline(offerID: second.offer, candidateID: second.candidate, reason: "no", actor: "test")
                    == .linkedToPartner(partnerOfferID: first.offer))
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM offers WHERE state = 'pending' AND id IN (\(first.offer), \(second.offer))", database) == 2)
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM offer_transitions WHERE offer_id IN (\(first.offer), \(second.offer)) AND to_state <> 'pending'",
                database) == 0)
        }
    }

    @Test("past the deadline neither partner can accept, and a single's offer is not linked")
    func deadline() async throws {
        try await withTestDatabase { database in
            let offers = try await Self.night(database)
            let store = CoupleOfferStore(database: database)
            let (first, _) = offers[0]
            try await database.query(PostgresQuery(unsafeSQL: "UPDATE offers SET deadline = now() - interval '1 minute' WHERE id = \(first.offer)"))
            #expect(try await store.accept(offerID: first.offer, candidateID: first.candidate, actor: "test") == .pastDeadline)
            #expect(try await store.accept(offerID: first.offer, candidateID: first.candidate + 1, actor: "test") == .notLinked)
        }
    }

    @Test("when one partner's offer expires unanswered, the other's expires with it, though its own deadline is later")
    func expiry() async throws {
        try await withTestDatabase { database in
            let offers = try await Self.night(database)
            let (first, second) = offers[0]
            #expect(try await CoupleOfferStore(database: database).accept(offerID: second.offer, candidateID: second.candidate, actor: "test")
                    == .waitingForPartner)
            try await database.query(PostgresQuery(unsafeSQL: "UPDATE offers SET deadline = now() - interval '1 minute' WHERE id = \(first.offer)"))
            _ = try await OfferExpiry(database: database).run()
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM offers WHERE state = 'expired' AND id IN (\(first.offer), \(second.offer))", database) == 2)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM couple_offer_answers", database) == 0)
        }
    }

    typealias Side = (offer: Int64, candidate: Int64)

    /// Runs the night; each couple's two offers, the inviter's first.
    static func night(_ database: Database) async throws -> [(Side, Side)] {
        try await market.load(database)
        let outcome = try await NightlyJob(database: database).run(officeCode: CoupleNightTests.office,
                                                                    options: NightlyOptions(date: NightlyFixture.night(), actor: "test"))
        guard case .committed = outcome else { Issue.record("the night was not released"); return [] }
        var result: [(Side, Side)] = []
        for try await (a, ac, b, bc) in try await database.query(PostgresQuery(unsafeSQL: """
            SELECT o.id, o.candidate_id, p.id, p.candidate_id FROM couple_offers l JOIN offers o ON o.id = l.offer_id
            JOIN offers p ON p.id = l.partner_offer_id JOIN couples c ON c.id = l.couple_id
            WHERE o.candidate_id = c.inviter_id ORDER BY c.id
            """)).decode((Int64, Int64, Int64, Int64).self) {
            result.append(((a, ac), (b, bc)))
        }
        return result
    }
}
