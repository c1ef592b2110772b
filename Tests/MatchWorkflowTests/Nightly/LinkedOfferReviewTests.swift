import Foundation
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

/// A couple's linked offers through review (ADR 0049): the pair pauses, resumes, ends and comes
/// back together, so neither partner ever holds an offer the couple can no longer accept.
@Suite("Linked offers under review")
struct LinkedOfferReviewTests {
    static let candidate = AuditContext(actor: "candidate:web", source: "198.51.100.4")
    static let reviewer = AuditContext(actor: "token:pt-hr-reviewer", source: "203.0.113.9")
    typealias Side = LinkedOfferTests.Side

    @Test("a review of one linked offer pauses both; upheld, both resume together, and only once no review of either is open")
    func pauseAndResumeTogether() async throws {
        try await withTestDatabase { database in
            let (first, second) = try await Self.couple(0, database)
            let reviews = ReviewStore(database: database)
            let asked = try await reviews.file(candidateID: first.candidate, offerID: first.offer, reason: "请复核", context: Self.candidate)
            #expect(try await Self.states(first, second, database) == ["under_review", "under_review"])
            #expect(try await NightlyFixture.count(
                "SELECT count(*)::int FROM offers WHERE paused_at IS NOT NULL AND id IN (\(first.offer), \(second.offer))", database) == 2)
            let also = try await reviews.file(candidateID: second.candidate, offerID: second.offer, reason: "我也请复核", context: Self.candidate)
            _ = try await reviews.decide(requestID: asked.id, officeID: try await Self.office(database), decision: .upheld,
                                         reason: "评分无误，维持", context: Self.reviewer)
            #expect(try await Self.states(first, second, database) == ["under_review", "under_review"],
                    "the partner's review is still open: neither clock runs alone")
            #expect(try await Self.effect(of: asked.id, database) == "paused_with_partner")
            _ = try await reviews.decide(requestID: also.id, officeID: try await Self.office(database), decision: .upheld,
                                         reason: "评分无误，维持", context: Self.reviewer)
            #expect(try await Self.states(first, second, database) == ["pending", "pending"])
            #expect(try await Self.effect(of: also.id, database) == "resumed")
            #expect(try await NightlyFixture.count(
                "SELECT count(*)::int FROM offers WHERE paused_at IS NULL AND deadline > now() AND id IN (\(first.offer), \(second.offer))",
                database) == 2)
            let store = CoupleOfferStore(database: database)
            #expect(try await store.accept(offerID: first.offer, candidateID: first.candidate, actor: "test") == .waitingForPartner)
            #expect(try await store.accept(offerID: second.offer, candidateID: second.candidate, actor: "test") == .bothAccepted)
        }
    }

    @Test("a reviewer withdrawing an offer under review withdraws the partner's too, with the same cause, and tells both")
    func reviewerWithdrawsBoth() async throws {
        try await withTestDatabase { database in
            let (first, second) = try await Self.couple(0, database)
            let reviews = ReviewStore(database: database)
            let asked = try await reviews.file(candidateID: second.candidate, offerID: second.offer, reason: "请复核", context: Self.candidate)
            let decided = try await reviews.decide(requestID: asked.id, officeID: try await Self.office(database), decision: .withdrawn,
                                                   reason: "资格审查未通过，撤回", context: Self.reviewer)
            #expect(decided.offerState == "withdrawn")
            #expect(try await Self.states(first, second, database) == ["withdrawn", "withdrawn"])
            #expect(try await NightlyFixture.count(
                "SELECT count(*)::int FROM offers WHERE withdrawal_cause = 'review' AND id IN (\(first.offer), \(second.offer))", database) == 2)
            try await Self.expectTold("offer_withdrawn", [first.offer, second.offer], database)
            try await Self.expectNoLoneOffer(database)
        }
    }

    /// Each way an offer under review ends without its reviewer (docs/offers.md), on couple 1,
    /// whose two offers are for the same post (2 seats).
    enum Ending: String, CaseIterable, CustomTestStringConvertible {
        case office, postClosed, seatsCut, rerun, accountDeleted
        var testDescription: String { rawValue }
    }

    @Test("an offer under review that ends any other way takes its partner's open offer with it", arguments: Ending.allCases)
    func everyEnding(_ ending: Ending) async throws {
        try await withTestDatabase { database in
            let (first, second) = try await Self.couple(1, database)
            _ = try await ReviewStore(database: database)
                .file(candidateID: first.candidate, offerID: first.offer, reason: "请复核", context: Self.candidate)
            let post = try await Self.post("PT-2", database)
            let context = AuditContext(actor: "test:centre-editor", source: "test")
            switch ending {
            case .office:
                let withdrawn: [Int64] = try await OfferWithdrawals(database: database).withdraw(
                    offerIDs: [first.offer], officeID: try await Self.office(database), reason: "编制调整", context: Self.reviewer)
                #expect(withdrawn == [first.offer, second.offer].sorted())
                let audited: Int = try await NightlyFixture.count(
                    "SELECT count(*)::int FROM audit_log WHERE action = 'offer.withdraw' AND subject = 'offer:\(second.offer)'", database)
                #expect(audited == 1, "the partner's withdrawal is audited")
            case .postClosed:
                _ = try await VacancyStore(database: database).close(id: post.id, centreID: post.centre, context: context)
            case .seatsCut:
                try await OfferLifecycleNightsTests.seats(of: post.id, centre: post.centre, by: -1, database)
            case .rerun:
                let run = Int64(try await NightlyFixture.count("SELECT run_id::int FROM offers WHERE id = \(first.offer)", database))
                _ = try await database.transaction(.attributed(to: "test", reason: "rerun")) { connection in
                    try await OfferWrites.withdrawPending(ofRun: run, on: connection, logger: database.logger)
                }
            case .accountDeleted:
                try await database.transaction(.attributed(to: "test", reason: "account deleted")) { connection in
                    try await OfferWrites.declinePending(ofCandidate: first.candidate, on: connection, logger: database.logger)
                }
            }
            let states: [String] = try await Self.states(first, second, database)
            let ended: Bool = states.count == 2 && states[0] == states[1] && states[0] != "pending" && states[0] != "under_review"
            #expect(ended, "\(ending): \(states)")
            #expect(try await NightlyFixture.count(
                "SELECT count(DISTINCT coalesce(withdrawal_cause, '-'))::int FROM offers WHERE id IN (\(first.offer), \(second.offer))",
                database) == 1, "both ended for the same cause")
            try await Self.expectNoLoneOffer(database)
        }
    }

    @Test("when the partner's offer expires (its deadline passed before the review could pause it), the offer under review expires with it")
    func partnerExpires() async throws {
        try await withTestDatabase { database in
            let (first, second) = try await Self.couple(0, database)
            try await database.client.query(PostgresQuery(unsafeSQL:
                "UPDATE offers SET deadline = now() - interval '1 minute' WHERE id = \(second.offer)"))
            _ = try await ReviewStore(database: database)
                .file(candidateID: first.candidate, offerID: first.offer, reason: "请复核", context: Self.candidate)
            #expect(try await Self.states(first, second, database) == ["under_review", "pending"], "a deadline that passed cannot pause")
            #expect(try await OfferExpiry(database: database).run() == 1)
            #expect(try await Self.states(first, second, database) == ["expired", "expired"])
            try await Self.expectTold("offer_expired", [first.offer, second.offer], database)
            try await Self.expectNoLoneOffer(database)
        }
    }

    @Test("a declined pair reinstated with both seats free comes back together, with one deadline, and the couple can accept it")
    func reinstatedTogether() async throws {
        try await withTestDatabase { database in
            let (first, second) = try await Self.couple(0, database)
            let store = CoupleOfferStore(database: database)
            #expect(try await store.decline(offerID: second.offer, candidateID: second.candidate, reason: "误操作", actor: "test") == .bothDeclined)
            let reviews = ReviewStore(database: database)
            let asked = try await reviews.file(candidateID: first.candidate, offerID: first.offer, reason: "伴侣误点了拒绝", context: Self.candidate)
            let decided = try await reviews.decide(requestID: asked.id, officeID: try await Self.office(database), decision: .reinstated,
                                                   reason: "核实为误操作，恢复录用", context: Self.reviewer)
            #expect(decided.offerState == "pending")
            #expect(try await Self.effect(of: asked.id, database) == "restored")
            #expect(try await Self.states(first, second, database) == ["pending", "pending"])
            #expect(try await NightlyFixture.count(
                "SELECT count(DISTINCT deadline)::int FROM offers WHERE deadline > now() AND id IN (\(first.offer), \(second.offer))", database) == 1)
            try await Self.expectTold("offer_reinstated", [first.offer, second.offer], database)
            #expect(try await store.accept(offerID: second.offer, candidateID: second.candidate, actor: "test") == .waitingForPartner)
            #expect(try await store.accept(offerID: first.offer, candidateID: first.candidate, actor: "test") == .bothAccepted)
        }
    }

    @Test("a pair reinstated without both seats free waits with one priority; the night restores both only once both seats are free")
    func reinstatedByPriority() async throws {
        try await withTestDatabase { database in
            let (first, second) = try await Self.couple(1, database)
            #expect(try await CoupleOfferStore(database: database)
                .decline(offerID: first.offer, candidateID: first.candidate, reason: "再想想", actor: "test") == .bothDeclined)
            let post = try await Self.post("PT-2", database)
            try await OfferLifecycleNightsTests.seats(of: post.id, centre: post.centre, by: -1, database)
            let reviews = ReviewStore(database: database)
            let asked = try await reviews.file(candidateID: second.candidate, offerID: second.offer, reason: "请恢复", context: Self.candidate)
            let decided = try await reviews.decide(requestID: asked.id, officeID: try await Self.office(database), decision: .reinstated,
                                                   reason: "恢复，席位不足则优先", context: Self.reviewer)
            #expect(decided.offerState == "declined")
            #expect(try await Self.effect(of: asked.id, database) == "priority")
            let waiting: SeatPriorities.Pass = try await Self.honour(database)
            #expect(waiting.honoured.isEmpty, "one seat for two: the pair waits")
            #expect(waiting.lapsed == 0)
            #expect(try await Self.states(first, second, database) == ["declined", "declined"])
            try await OfferLifecycleNightsTests.seats(of: post.id, centre: post.centre, by: 1, database)
            let pass = try await Self.honour(database)
            let restored: Set<Int64> = Set(pass.honoured)
            #expect(restored == Set([first.offer, second.offer]))
            #expect(try await Self.states(first, second, database) == ["pending", "pending"])
            try await Self.expectTold("offer_reinstated", [first.offer, second.offer], database)
        }
    }

    @Test("a pair left apart before migration 0113 (one declined, the other withdrawn) is refused reinstatement, typed, and nothing changes")
    func reinstatementRefused() async throws {
        try await withTestDatabase { database in
            let (first, second) = try await Self.couple(0, database)
            try await Self.leaveApart(declined: first, withdrawn: second, database)
            let reviews = ReviewStore(database: database)
            let asked = try await reviews.file(candidateID: first.candidate, offerID: first.offer, reason: "请恢复", context: Self.candidate)
            await #expect(throws: ReviewStoreError.partnerNotReinstatable(requestID: asked.id, partnerOfferID: second.offer, partnerState: "withdrawn")) {
                try await reviews.decide(requestID: asked.id, officeID: try await Self.office(database), decision: .reinstated,
                                         reason: "恢复录用", context: Self.reviewer)
            }
            #expect(try await reviews.get(requestID: asked.id, officeID: try await Self.office(database)).status == .open)
            #expect(try await Self.states(first, second, database) == ["declined", "withdrawn"])
            #expect(try await NightlyFixture.count("SELECT count(*)::int FROM seat_priorities", database) == 0)
        }
    }

    @Test("the database refuses one partner's offer open or accepted alone: restored without its partner, or accepted from under review")
    func databaseRefusesLoneOffers() async throws {
        try await withTestDatabase { database in
            let (first, second) = try await Self.couple(0, database)
            try await Self.leaveApart(declined: first, withdrawn: second, database)
            let asked = try await ReviewStore(database: database)
                .file(candidateID: first.candidate, offerID: first.offer, reason: "请恢复", context: Self.candidate)
            try await Self.raw("""
                UPDATE review_requests SET status = 'decided', decision = 'reinstated', decision_reason = 'decided by hand',
                       decided_by = 'test', decided_at = now()
                WHERE id = \(asked.id)
                """, database)
            await #expect(throws: DatabaseError.self, "restored while its partner's is withdrawn") {
                try await Self.raw("UPDATE offers SET state = 'pending', deadline = now() + interval '3 days' WHERE id = \(first.offer)", database)
            }
            #expect(try await Self.states(first, second, database) == ["declined", "withdrawn"])

            let (third, fourth) = try await Self.sides(1, database)
            try await Self.raw("UPDATE offers SET state = 'under_review' WHERE id = \(third.offer)", database)
            await #expect(throws: DatabaseError.self, "accepted alone from under review") {
                try await Self.raw("UPDATE offers SET state = 'accepted' WHERE id = \(third.offer)", database)
            }
            // The release trigger, whoever moves the offer (a scope that cannot see the partner's post):
            try await Self.raw("UPDATE offers SET state = 'withdrawn', withdrawal_cause = 'office' WHERE id = \(third.offer)", database)
            #expect(try await Self.states(third, fourth, database) == ["withdrawn", "withdrawn"])
            #expect(try await NightlyFixture.count(
                "SELECT count(*)::int FROM offers WHERE id = \(fourth.offer) AND withdrawal_cause = 'office'", database) == 1)
        }
    }

    // MARK: - Setting up and reading

    /// The night of `LinkedOfferTests.market`; couple `index`'s two offers, the inviter's first.
    static func couple(_ index: Int, _ database: Database) async throws -> (Side, Side) {
        let offers = try await LinkedOfferTests.night(database)
        try #require(offers.count == 2)
        return offers[index]
    }

    /// Couple `index`'s offers of a night already run.
    static func sides(_ index: Int, _ database: Database) async throws -> (Side, Side) {
        var result: [(Side, Side)] = []
        for try await (a, ac, b, bc) in try await database.query(PostgresQuery(unsafeSQL: """
            SELECT o.id, o.candidate_id, p.id, p.candidate_id FROM couple_offers l JOIN offers o ON o.id = l.offer_id
            JOIN offers p ON p.id = l.partner_offer_id JOIN couples c ON c.id = l.couple_id
            WHERE o.candidate_id = c.inviter_id ORDER BY c.id
            """)).decode((Int64, Int64, Int64, Int64).self) {
            result.append(((a, ac), (b, bc)))
        }
        return result[index]
    }

    static func office(_ database: Database) async throws -> Int64 {
        Int64(try await NightlyFixture.count("SELECT id::int FROM offices WHERE code = '\(CoupleNightTests.office)'", database))
    }

    static func post(_ externalID: String, _ database: Database) async throws -> (id: Int64, centre: Int64) {
        let id = try await NightlyFixture.count("SELECT id::int FROM vacancies WHERE external_id = '\(externalID)'", database)
        let centre = try await NightlyFixture.count("SELECT centre_id::int FROM vacancies WHERE external_id = '\(externalID)'", database)
        return (Int64(id), Int64(centre))
    }

    static func states(_ first: Side, _ second: Side, _ database: Database) async throws -> [String] {
        var states: [String] = []
        for id in [first.offer, second.offer] {
            for try await state in try await database.client.query(PostgresQuery(unsafeSQL: "SELECT state FROM offers WHERE id = \(id)"))
                .decode(String.self) { states.append(state) }
        }
        return states
    }

    static func effect(of requestID: Int64, _ database: Database) async throws -> String? {
        for try await effect in try await database.client.query(PostgresQuery(unsafeSQL:
            "SELECT details->>'effect' FROM audit_log WHERE action = 'review.decide' AND subject = 'review:\(requestID)'"))
            .decode(String?.self) { return effect }
        return nil
    }

    static func honour(_ database: Database) async throws -> SeatPriorities.Pass {
        let market = Int64(try await NightlyFixture.count(
            "SELECT market_id::int FROM offices WHERE code = '\(CoupleNightTests.office)'", database))
        return try await database.transaction(.attributed(to: "nightly", reason: "seat priorities")) { connection in
            try await SeatPriorities.honour(marketID: market, on: connection, logger: database.logger)
        }
    }

    static func raw(_ sql: String, _ database: Database) async throws {
        try await database.transaction(.attributed(to: "test", reason: "raw")) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: database.logger)
        }
    }

    /// A state 0112 allowed and 0113 no longer does: one offer declined, its partner's
    /// withdrawn (made here with the release trigger off, as it was then from `under_review`).
    static func leaveApart(declined: Side, withdrawn: Side, _ database: Database) async throws {
        try await database.transaction(.attributed(to: "test", reason: "before 0113")) { connection in
            for sql in ["ALTER TABLE offers DISABLE TRIGGER offers_couple_released",
                        "UPDATE offers SET state = 'withdrawn', withdrawal_cause = 'office' WHERE id = \(withdrawn.offer)",
                        "UPDATE offers SET state = 'declined' WHERE id = \(declined.offer)",
                        "ALTER TABLE offers ENABLE TRIGGER offers_couple_released"] {
                try await connection.query(PostgresQuery(unsafeSQL: sql), logger: database.logger)
            }
        }
    }

    /// No couple's offer is open while its partner's is not (and none accepted alone).
    static func expectNoLoneOffer(_ database: Database, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try await NightlyFixture.count("""
            SELECT count(*)::int FROM couple_offers l JOIN offers o ON o.id = l.offer_id JOIN offers p ON p.id = l.partner_offer_id
            WHERE (o.state IN ('pending', 'under_review') AND p.state NOT IN ('pending', 'under_review'))
               OR (o.state = 'accepted' AND p.state <> 'accepted')
            """, database) == 0, sourceLocation: sourceLocation)
    }

    /// Each offer's candidate got one `kind` message per channel they have.
    static func expectTold(_ kind: String, _ offers: [Int64], _ database: Database, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for offer in offers {
            let channels = try await NightlyFixture.count(
                "SELECT coalesce(cardinality(c.message_channels), 0)::int FROM offers o JOIN candidates c ON c.id = o.candidate_id WHERE o.id = \(offer)",
                database)
            let told = try await NightlyFixture.count(
                "SELECT count(*)::int FROM outbox_messages WHERE kind = '\(kind)' AND subject_id = \(offer)", database)
            #expect(channels > 0, "offer \(offer)'s candidate has a verified contact", sourceLocation: sourceLocation)
            #expect(told == channels, "\(kind) for offer \(offer): \(told) of \(channels) channels", sourceLocation: sourceLocation)
        }
    }
}
