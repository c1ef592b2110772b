import Foundation
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

/// Three nights of the demo market with the candidates' and offices' moves in between
/// (docs/offers.md): re-matching never moves anyone who accepted, never takes an open offer
/// from anyone, and never offers a post again to the candidate who declined it or let it expire.
@Suite("An offer's life over several nights")
struct OfferLifecycleNightsTests {
    static let candidate = AuditContext(actor: "candidate:web", source: "198.51.100.4")
    static let reviewer = AuditContext(actor: "token:bz-hr-reviewer", source: "203.0.113.9")

    /// What the offers table held before a night: the invariants are checked against it.
    struct Before {
        var stateOf: [Int64: (state: String, candidate: Int64, vacancy: Int64)] = [:]
        var declinedPairs: Set<[Int64]> = []
    }

    @Test("three nights with declines, expiries, a withdrawal and a reinstatement: accepted and open offers never move, no post is re-offered to its decliner")
    func threeNights() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            let office = Int64(try await NightlyFixture.count("SELECT id FROM offices WHERE code = 'BZ-HR'", database))
            let offers = OfferStore(database: database)
            let reviews = ReviewStore(database: database)

            // Night 1.
            let first = try await Self.night(daysAgo: 2, database, before: Before())
            let all = try await OfferListing.forRun(first, in: database).sorted { $0.offerID < $1.offerID }
            try #require(all.count == 14)
            // A reinstatement whose seat is taken: BZ-2026-002's three seats hold three offers; one
            // is declined, the post cut to two seats, the decline reinstated (priority), and the
            // seat given back: the next night restores the offer before it matches anyone.
            let post = Int64(try await NightlyFixture.count("SELECT id FROM vacancies WHERE external_id = 'BZ-2026-002'", database))
            let centre = Int64(try await NightlyFixture.count("SELECT centre_id FROM vacancies WHERE id = \(post)", database))
            let waiting = try #require(all.last { $0.vacancyID == post })
            let one = all.filter { $0.offerID != waiting.offerID }
            #expect(try await offers.decline(offerID: waiting.offerID, candidateID: waiting.candidateID, reason: "犹豫", actor: "candidate:web") == .done)
            try await Self.seats(of: post, centre: centre, by: -1, database)
            let asked = try await reviews.file(candidateID: waiting.candidateID, offerID: waiting.offerID, reason: "请恢复", context: Self.candidate)
            let priority = try await reviews.decide(
                requestID: asked.id, officeID: office, decision: .reinstated, reason: "恢复录用资格，席位已满则优先", context: Self.reviewer)
            #expect(priority.offerState == "declined", "no free seat: the candidate waits with priority")
            #expect(try await NightlyFixture.count("SELECT count(*)::int FROM seat_priorities WHERE honoured_at IS NULL", database) == 1)
            try await Self.seats(of: post, centre: centre, by: 1, database)
            #expect(try await offers.accept(offerID: one[0].offerID, candidateID: one[0].candidateID, actor: "candidate:web") == .done)
            #expect(try await offers.accept(offerID: one[1].offerID, candidateID: one[1].candidateID, actor: "candidate:web") == .done)
            #expect(try await offers.decline(offerID: one[2].offerID, candidateID: one[2].candidateID, reason: "离家太远", actor: "candidate:web") == .done)
            #expect(try await offers.decline(offerID: one[3].offerID, candidateID: one[3].candidateID, reason: "另有打算", actor: "candidate:web") == .done)
            try await Self.expire([one[4].offerID], database)
            _ = try await OfferWithdrawals(database: database).withdraw(
                offerIDs: [one[5].offerID], officeID: office, reason: "岗位编制调整", context: Self.reviewer)
            // A decline reviewed and reinstated: the seat is free, so the offer is restored.
            #expect(try await offers.decline(offerID: one[6].offerID, candidateID: one[6].candidateID, reason: "误操作", actor: "candidate:web") == .done)
            let request = try await reviews.file(candidateID: one[6].candidateID, offerID: one[6].offerID, reason: "误点了拒绝", context: Self.candidate)
            let reinstated = try await reviews.decide(
                requestID: request.id, officeID: office, decision: .reinstated, reason: "核实为误操作，恢复录用", context: Self.reviewer)
            #expect(reinstated.offerState == "pending")
            // A review still open over the next night: the offer holds its seat and candidate, paused.
            _ = try await reviews.file(candidateID: one[7].candidateID, offerID: one[7].offerID, reason: "请复核评分", context: Self.candidate)

            // Night 2.
            let second = try await Self.night(daysAgo: 1, database, before: try await Self.before(database))
            let two = try await OfferListing.forRun(second, in: database)
            #expect(try await NightlyFixture.count(
                "SELECT count(*)::int FROM offers WHERE id = \(waiting.offerID) AND state = 'pending' AND deadline > now()", database) == 1,
                "the night restored the offer with priority before matching")
            #expect(try await NightlyFixture.count("SELECT count(*)::int FROM seat_priorities WHERE honoured_at IS NOT NULL", database) == 1)
            #expect(!two.contains { $0.candidateID == waiting.candidateID })
            #expect(!two.isEmpty, "the freed seats are offered again")
            for offer in two.prefix(2) {
                #expect(try await offers.decline(offerID: offer.offerID, candidateID: offer.candidateID, reason: "不合适", actor: "candidate:web") == .done)
            }
            if two.count > 2 { try await Self.expire([two[2].offerID], database) }
            #expect(try await offers.accept(offerID: one[8].offerID, candidateID: one[8].candidateID, actor: "candidate:web") == .done)

            // Night 3.
            _ = try await Self.night(daysAgo: 0, database, before: try await Self.before(database))

            #expect(try await NightlyFixture.count(
                """
                SELECT count(*)::int FROM offers d JOIN offers n ON n.candidate_id = d.candidate_id AND n.vacancy_id = d.vacancy_id AND n.id > d.id
                WHERE d.state IN ('declined', 'expired')
                """, database) == 0, "no post is offered again to the candidate who declined it or let it expire")
            #expect(try await NightlyFixture.count(
                "SELECT count(*)::int FROM offers WHERE id IN (\(one[0].offerID), \(one[1].offerID), \(one[8].offerID)) AND state = 'accepted'",
                database) == 3)
            #expect(try await NightlyFixture.count("SELECT count(*)::int FROM offers WHERE id = \(one[7].offerID) AND state = 'under_review'", database) == 1)
        }
    }

    /// Runs one night and checks it against what the offers were before it.
    static func night(daysAgo: Int, _ database: Database, before: Before, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int64 {
        let outcome = try await NightlyFixture.run(database, date: NightlyFixture.night(daysAgo: daysAgo))
        let runID = try #require(NightlyFixture.committedRunID(outcome), "night \(daysAgo) days ago: \(outcome)", sourceLocation: sourceLocation)
        let fresh = try await OfferListing.forRun(runID, in: database)
        let now = try await Self.before(database)
        for (id, earlier) in before.stateOf where ["accepted", "pending", "under_review"].contains(earlier.state) {
            #expect(now.stateOf[id]?.state == earlier.state, "offer \(id) was \(earlier.state) and stays so over the night", sourceLocation: sourceLocation)
            #expect(!fresh.contains { $0.candidateID == earlier.candidate },
                    "candidate \(earlier.candidate) holds offer \(id) (\(earlier.state)) and gets no other", sourceLocation: sourceLocation)
        }
        for offer in fresh {
            #expect(!before.declinedPairs.contains([offer.candidateID, offer.vacancyID]),
                    "candidate \(offer.candidateID) declined post \(offer.vacancyID) or let it expire", sourceLocation: sourceLocation)
        }
        return runID
    }

    static func before(_ database: Database) async throws -> Before {
        var before = Before()
        let rows = try await database.client.query("SELECT id, state, candidate_id, vacancy_id FROM offers")
        for try await (id, state, candidate, vacancy) in rows.decode((Int64, String, Int64, Int64).self) {
            before.stateOf[id] = (state, candidate, vacancy)
            if state == "declined" || state == "expired" { before.declinedPairs.insert([candidate, vacancy]) }
        }
        return before
    }

    /// Changes a post's seats (and its target with them) through the centre's store.
    static func seats(of post: Int64, centre: Int64, by change: Int, _ database: Database) async throws {
        let store = VacancyStore(database: database)
        var draft = try await store.get(id: post, centreID: centre).draft
        draft.seats += change
        draft.target = draft.target.map { min($0, draft.seats) }
        _ = try await store.update(id: post, draft, centreID: centre, context: AuditContext(actor: "test:centre-editor", source: "test"))
    }

    /// Lets these offers' deadlines pass, then runs the timer's expiry as of now.
    static func expire(_ offers: [Int64], _ database: Database) async throws {
        try await database.client.query(PostgresQuery(unsafeSQL:
            "UPDATE offers SET deadline = now() - interval '1 minute' WHERE id IN (\(offers.map(String.init).joined(separator: ",")))"))
        #expect(try await OfferExpiry(database: database).run() == offers.count)
    }
}
