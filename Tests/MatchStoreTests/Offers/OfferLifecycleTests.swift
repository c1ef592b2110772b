import Foundation
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

/// Every move of docs/offers.md through the store that makes it, with its actor, reason,
/// audit entry and message; and the database refusing the moves the page does not draw.
@Suite("An offer's life")
struct OfferLifecycleTests {
    static let candidate = AuditContext(actor: "candidate:web", source: "198.51.100.4")
    static let reviewer = AuditContext(actor: "token:bz-hr-reviewer", source: "203.0.113.9")
    static let editor = AuditContext(actor: "test:centre-editor", source: "203.0.113.7")

    @Test("a review request pauses the deadline; upheld resumes it with the time that was left, to the second")
    func pauseAndResume() async throws {
        try await withTestDatabase { (database) async throws in
            let night = try await OfferLifecycleFixture.night(database)
            let offer = night.offers[0]
            let store = ReviewStore(database: database)
            let request = try await store.file(candidateID: offer.candidateID, offerID: offer.offerID, reason: "请人工复核", context: Self.candidate)
            #expect(request.offerState == "under_review")
            let left = try await OfferLifecycleFixture.text(
                "SELECT (deadline - paused_at)::text FROM offers WHERE id = \(offer.offerID) AND state = 'under_review'", database)
            #expect(left != nil)
            let paused = (deadline: try #require(try await OfferLifecycleFixture.text(
                "SELECT deadline::text FROM offers WHERE id = \(offer.offerID)", database)), at: left)
            _ = try await OfferStore(database: database).expire(asOf: Date().addingTimeInterval(400 * 86_400))
            #expect(try await OfferLifecycleFixture.state(offer.offerID, database) == "under_review", "a paused deadline never expires")
            try await Task.sleep(for: .milliseconds(1_200))
            let decided = try await store.decide(
                requestID: request.id, officeID: night.office, decision: .upheld, reason: "复核：评分无误，维持原结果", context: Self.reviewer)
            #expect(decided.offerState == "pending")
            // The resumed deadline is the decision's instant plus exactly what was left.
            let resumed = try await OfferLifecycleFixture.text(
                """
                SELECT (o.deadline - t.at)::text FROM offers o
                JOIN offer_transitions t ON t.offer_id = o.id AND t.from_state = 'under_review' AND t.to_state = 'pending'
                WHERE o.id = \(offer.offerID) AND o.paused_at IS NULL
                """, database)
            #expect(resumed == left)
            #expect(try await OfferLifecycleFixture.count(
                "SELECT count(*) FROM offers WHERE id = \(offer.offerID) AND deadline >= '\(paused.deadline)'::timestamptz + interval '1 second'",
                database) == 1, "the deadline moved by the time the review took")
            #expect(try await OfferLifecycleFixture.transitions(offer.offerID, database) == [
                "pending→under_review by candidate:web: review request \(request.id): the deadline is paused",
                "under_review→pending by token:bz-hr-reviewer: review \(request.id) upheld: 复核：评分无误，维持原结果",
            ])
            #expect(try await OfferLifecycleFixture.count(
                "SELECT count(*) FROM audit_log WHERE action = 'review.decide' AND details->>'effect' = 'resumed'", database) == 1)
        }
    }

    @Test("closing a post with three pending offers withdraws all three, with cause, reason, audit and messages")
    func postClosed() async throws {
        try await withTestDatabase { (database) async throws in
            let night = try await OfferLifecycleFixture.night(database)
            let post = try await OfferLifecycleFixture.post("BZ-2026-002", database)
            let held = night.offers.filter { $0.vacancyID == post.id }
            try #require(held.count == 3, "the demo night fills the three seats of BZ-2026-002")
            _ = try await VacancyStore(database: database).close(id: post.id, centreID: post.centreID, context: Self.editor)
            for offer in held {
                #expect(try await OfferLifecycleFixture.state(offer.offerID, database) == "withdrawn")
                #expect(try await OfferLifecycleFixture.transitions(offer.offerID, database) == [
                    "pending→withdrawn by test:centre-editor: the post was closed"])
            }
            #expect(try await OfferLifecycleFixture.count(
                "SELECT count(*) FROM offers WHERE vacancy_id = \(post.id) AND withdrawal_cause = 'post_closed'", database) == 3)
            #expect(try await OfferLifecycleFixture.count(
                """
                SELECT count(*) FROM audit_log WHERE action = 'offer.withdraw' AND subject = 'vacancy:\(post.id)'
                  AND details->>'cause' = 'post_closed' AND actor = 'test:centre-editor'
                """, database) == 1)
            try await OfferLifecycleFixture.expectTold("offer_withdrawn", held.map(\.offerID), database)
            #expect(try await OfferLifecycleFixture.count(
                "SELECT count(*) FROM offers WHERE state IN ('pending', 'under_review') AND vacancy_id <> \(post.id)", database)
                == night.offers.count - 3, "no other post's offer moved")
        }
    }

    @Test("cutting a post's seats below its held offers withdraws the lowest priority first; accepted offers count and stay")
    func seatsReduced() async throws {
        try await withTestDatabase { (database) async throws in
            let night = try await OfferLifecycleFixture.night(database)
            let post = try await OfferLifecycleFixture.post("BZ-2026-002", database)
            let held = night.offers.filter { $0.vacancyID == post.id }.sorted { ($0.score ?? 0, -$0.offerID) > ($1.score ?? 0, -$1.offerID) }
            try #require(held.count == 3)
            // The lowest priority accepts: an accepted offer keeps its seat whatever happens.
            #expect(try await OfferStore(database: database).accept(offerID: held[2].offerID, candidateID: held[2].candidateID, actor: "candidate:web") == .done)
            let store = VacancyStore(database: database)
            var draft = try await store.get(id: post.id, centreID: post.centreID).draft
            draft.seats = 2
            draft.target = 1
            _ = try await store.update(id: post.id, draft, centreID: post.centreID, context: Self.editor)
            #expect(try await OfferLifecycleFixture.state(held[0].offerID, database) == "pending", "the highest priority keeps its offer")
            #expect(try await OfferLifecycleFixture.state(held[1].offerID, database) == "withdrawn")
            #expect(try await OfferLifecycleFixture.state(held[2].offerID, database) == "accepted")
            #expect(try await OfferLifecycleFixture.text("SELECT withdrawal_cause FROM offers WHERE id = \(held[1].offerID)", database) == "seats_reduced")
            #expect(try await OfferLifecycleFixture.transitions(held[1].offerID, database) == [
                "pending→withdrawn by test:centre-editor: the post's seats were reduced below its open offers"])
            try await OfferLifecycleFixture.expectTold("offer_withdrawn", [held[1].offerID], database)
        }
    }

    @Test("an office withdraws a set of offers with a reason, all or none, only in its regions, never a final one")
    func officeWithdrawal() async throws {
        try await withTestDatabase { (database) async throws in
            let night = try await OfferLifecycleFixture.night(database)
            let (first, second, third) = (night.offers[0], night.offers[1], night.offers[2])
            let withdrawals = OfferWithdrawals(database: database)
            await #expect(throws: OfferLifecycleError.self) {
                try await withdrawals.withdraw(offerIDs: [first.offerID], officeID: night.office, reason: " ", context: Self.reviewer)
            }
            try await database.client.query("INSERT INTO offices (code, name, region_code) VALUES ('GY-HR', '广元市人社局', '510800')")
            let other = Int64(try await OfferLifecycleFixture.count("SELECT id FROM offices WHERE code = 'GY-HR'", database))
            await #expect(throws: OfferLifecycleError.offerNotFound(offerID: first.offerID)) {
                try await withdrawals.withdraw(offerIDs: [first.offerID], officeID: other, reason: "不在本辖区", context: Self.reviewer)
            }
            #expect(try await OfferStore(database: database).accept(offerID: third.offerID, candidateID: third.candidateID, actor: "candidate:web") == .done)
            await #expect(throws: OfferLifecycleError.notOpen(offerID: third.offerID, state: "accepted")) {
                try await withdrawals.withdraw(offerIDs: [first.offerID, third.offerID], officeID: night.office, reason: "岗位调整", context: Self.reviewer)
            }
            #expect(try await OfferLifecycleFixture.state(first.offerID, database) == "pending", "all or none: nothing moved")
            let withdrawn = try await withdrawals.withdraw(
                offerIDs: [first.offerID, second.offerID], officeID: night.office, reason: "岗位编制调整，撤回录用", context: Self.reviewer)
            #expect(withdrawn == [first.offerID, second.offerID].sorted())
            for offer in [first, second] {
                #expect(try await OfferLifecycleFixture.transitions(offer.offerID, database) == [
                    "pending→withdrawn by token:bz-hr-reviewer: 岗位编制调整，撤回录用"])
                #expect(try await OfferLifecycleFixture.count(
                    """
                    SELECT count(*) FROM audit_log WHERE action = 'offer.withdraw' AND subject = 'offer:\(offer.offerID)'
                      AND details->>'cause' = 'office' AND details->>'reason' = '岗位编制调整，撤回录用' AND source = '203.0.113.9'
                    """, database) == 1)
            }
            try await OfferLifecycleFixture.expectTold("offer_withdrawn", [first.offerID, second.offerID], database)
        }
    }

    @Test("reinstated restores a declined offer whose seat is free; withdrawn withdraws; decisions that cannot apply are refused")
    func reviewDecisions() async throws {
        try await withTestDatabase { (database) async throws in
            let night = try await OfferLifecycleFixture.night(database)
            let (declined, reviewed, accepted) = (night.offers[0], night.offers[1], night.offers[2])
            let offers = OfferStore(database: database)
            let store = ReviewStore(database: database)
            #expect(try await offers.decline(offerID: declined.offerID, candidateID: declined.candidateID, reason: "家庭原因", actor: "candidate:web") == .done)
            let restore = try await store.file(candidateID: declined.candidateID, offerID: declined.offerID, reason: "误点了拒绝", context: Self.candidate)
            #expect(restore.offerState == "declined", "a declined offer has no deadline to pause")
            await #expect(throws: ReviewStoreError.notApplicable(requestID: restore.id, decision: "withdrawn", offerState: "declined")) {
                try await store.decide(requestID: restore.id, officeID: night.office, decision: .withdrawn, reason: "撤回录用", context: Self.reviewer)
            }
            await #expect(throws: ReviewStoreError.self) {
                try await store.decide(requestID: restore.id, officeID: night.office, decision: .changed, reason: "只记文字", context: Self.reviewer)
            }
            let restored = try await store.decide(
                requestID: restore.id, officeID: night.office, decision: .reinstated, reason: "核实为误操作，恢复录用", context: Self.reviewer)
            #expect(restored.offerState == "pending")
            #expect(try await OfferLifecycleFixture.count(
                "SELECT count(*) FROM offers WHERE id = \(declined.offerID) AND deadline > now() + interval '1 day'", database) == 1)
            try await OfferLifecycleFixture.expectTold("offer_reinstated", [declined.offerID], database)
            #expect(try await OfferLifecycleFixture.transitions(declined.offerID, database).last
                    == "declined→pending by token:bz-hr-reviewer: review \(restore.id) reinstated: 核实为误操作，恢复录用")

            let withdraw = try await store.file(candidateID: reviewed.candidateID, offerID: reviewed.offerID, reason: "请复核", context: Self.candidate)
            await #expect(throws: ReviewStoreError.notApplicable(requestID: withdraw.id, decision: "reinstated", offerState: "under_review")) {
                try await store.decide(requestID: withdraw.id, officeID: night.office, decision: .reinstated, reason: "恢复录用", context: Self.reviewer)
            }
            let withdrawn = try await store.decide(
                requestID: withdraw.id, officeID: night.office, decision: .withdrawn, reason: "资格复核未通过", context: Self.reviewer)
            #expect(withdrawn.offerState == "withdrawn")
            #expect(try await OfferLifecycleFixture.text("SELECT withdrawal_cause FROM offers WHERE id = \(reviewed.offerID)", database) == "review")
            try await OfferLifecycleFixture.expectTold("offer_withdrawn", [reviewed.offerID], database)

            #expect(try await offers.accept(offerID: accepted.offerID, candidateID: accepted.candidateID, actor: "candidate:web") == .done)
            await #expect(throws: ReviewStoreError.offerFinal(offerID: accepted.offerID, state: "accepted")) {
                try await store.file(candidateID: accepted.candidateID, offerID: accepted.offerID, reason: "复核", context: Self.candidate)
            }
        }
    }

    @Test("the candidate's history lists each offer with every move and its reason; an answer is audited")
    func history() async throws {
        try await withTestDatabase { (database) async throws in
            let night = try await OfferLifecycleFixture.night(database)
            let offer = night.offers[0]
            #expect(try await OfferStore(database: database).decline(
                offerID: offer.offerID, candidateID: offer.candidateID, reason: "离家太远", actor: "candidate:web") == .done)
            let entries = try await CandidateOfferHistory(database: database).entries(candidateID: offer.candidateID)
            let entry = try #require(entries.first)
            #expect(entries.count == 1 && entry.offerID == offer.offerID && entry.state == "declined")
            #expect(entry.moves.map { "\($0.from ?? "-")→\($0.to)" } == ["-→pending", "pending→declined"])
            #expect(entry.moves.last?.reason == "离家太远")
            #expect(try await OfferLifecycleFixture.count(
                "SELECT count(*) FROM audit_log WHERE action = 'offer.decline' AND subject = 'offer:\(offer.offerID)' AND details->>'reason' = '离家太远'",
                database) == 1)
        }
    }

    @Test("the database refuses every move docs/offers.md does not draw")
    func databaseRules() async throws {
        try await withTestDatabase { (database) async throws in
            let night = try await OfferLifecycleFixture.night(database)
            let (pending, accepted, declined, reviewed) = (night.offers[0], night.offers[1], night.offers[2], night.offers[3])
            let offers = OfferStore(database: database)
            _ = try await offers.accept(offerID: accepted.offerID, candidateID: accepted.candidateID, actor: "t")
            _ = try await offers.decline(offerID: declined.offerID, candidateID: declined.candidateID, reason: "no", actor: "t")
            _ = try await ReviewStore(database: database).file(
                candidateID: reviewed.candidateID, offerID: reviewed.offerID, reason: "请复核", context: Self.candidate)
            let refusals: [(sql: String, message: String)] = [
                ("UPDATE offers SET state = 'pending' WHERE id = \(accepted.offerID)", "is already accepted"),
                ("UPDATE offers SET state = 'withdrawn', withdrawal_cause = 'office' WHERE id = \(accepted.offerID)", "is already accepted"),
                ("UPDATE offers SET state = 'pending' WHERE id = \(declined.offerID)", "only a review decided reinstated"),
                ("UPDATE offers SET state = 'withdrawn' WHERE id = \(pending.offerID)", "without a cause"),
                ("UPDATE offers SET withdrawal_cause = 'fired' WHERE id = \(pending.offerID)", "offers_withdrawal_cause_check"),
                ("UPDATE offers SET deadline = deadline + interval '9 days' WHERE id = \(reviewed.offerID)", "its deadline is paused"),
                ("UPDATE offers SET state = 'expired' WHERE id = \(reviewed.offerID)", "is already under_review"),
                ("UPDATE offers SET state = 'under_review' WHERE id = \(declined.offerID)", "is already declined"),
                ("INSERT INTO seat_priorities (offer_id, review_request_id) VALUES (\(pending.offerID), 0)", "seat_priorities_review_request_id_fkey"),
            ]
            for refusal in refusals {
                let error = await #expect(throws: PSQLError.self, "\(refusal.sql)") {
                    try await database.client.query(PostgresQuery(unsafeSQL: refusal.sql))
                }
                let text = [error?.serverInfo?[.message], error?.serverInfo?[.constraintName]].compactMap { $0 }.joined(separator: " ")
                #expect(text.contains(refusal.message), "\(refusal.sql): \(text)")
            }
        }
    }
}
