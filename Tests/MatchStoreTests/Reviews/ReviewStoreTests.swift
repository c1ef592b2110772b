import Foundation
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

@Suite("Human review requests")
struct ReviewStoreTests {
    static let candidate = AuditContext(actor: "candidate:web", source: "198.51.100.4")
    static let reviewer = AuditContext(actor: "token:bz-hr-reviewer", source: "203.0.113.9")

    /// The demo night, and one of its offers.
    private static func offer(_ database: Database) async throws -> (offer: OfferListing, office: Int64) {
        try await NightlyFixture.prepare(database)
        guard case .committed(let runID, _) = try await NightlyFixture.run(database) else { throw ReviewStoreError.invalidCursor }
        let offer = try #require(try await OfferListing.forRun(runID, in: database).first)
        let office = Int64(try await VacancyFixture.count("SELECT id FROM offices WHERE code = 'BZ-HR'", database))
        return (offer, office)
    }

    @Test("a candidate files a request about their own offer; one open request per offer")
    func file() async throws {
        try await withTestDatabase { (database) async throws in
            let (offer, office) = try await Self.offer(database)
            let store = ReviewStore(database: database)
            let request = try await store.file(candidateID: offer.candidateID, offerID: offer.offerID, reason: "我的专业完全匹配第一志愿", context: Self.candidate)
            #expect(request.status == .open && request.decision == nil)
            #expect(request.candidateName == offer.candidateName)
            await #expect(throws: ReviewStoreError.alreadyOpen(requestID: request.id)) {
                try await store.file(candidateID: offer.candidateID, offerID: offer.offerID, reason: "again", context: Self.candidate)
            }
            await #expect(throws: ReviewStoreError.offerNotFound(offerID: offer.offerID)) {
                try await store.file(candidateID: offer.candidateID + 1_000, offerID: offer.offerID, reason: "not mine", context: Self.candidate)
            }
            await #expect(throws: ReviewStoreError.self) {
                try await store.file(candidateID: offer.candidateID, offerID: offer.offerID, reason: "   ", context: Self.candidate)
            }
            #expect(try await store.list(officeID: office).items.map(\.id) == [request.id])
        }
    }

    @Test("a decision needs its reason, is recorded with who decided, is audited, and is final")
    func decide() async throws {
        try await withTestDatabase { (database) async throws in
            let (offer, office) = try await Self.offer(database)
            let store = ReviewStore(database: database)
            let request = try await store.file(candidateID: offer.candidateID, offerID: offer.offerID, reason: "请人工复核", context: Self.candidate)
            await #expect(throws: ReviewStoreError.invalid([FieldProblem(
                pointer: "/reason", message: "a decision needs its reason, 4 to 2000 characters; the candidate is told it")])) {
                try await store.decide(requestID: request.id, officeID: office, decision: .upheld, reason: " ", context: Self.reviewer)
            }
            let decided = try await store.decide(
                requestID: request.id, officeID: office, decision: .upheld, reason: "复核：评分与排名无误，维持原结果", context: Self.reviewer)
            #expect(decided.status == .decided && decided.decision == .upheld)
            #expect(decided.decidedBy == "token:bz-hr-reviewer" && decided.decidedAt != nil)
            let audited = try await VacancyFixture.count(
                """
                SELECT count(*) FROM audit_log WHERE action = 'review.decide' AND subject = 'review:\(request.id)'
                  AND actor = 'token:bz-hr-reviewer' AND source = '203.0.113.9' AND details->>'decision' = 'upheld'
                  AND details->>'reason' = '复核：评分与排名无误，维持原结果'
                """, database)
            #expect(audited == 1)
            await #expect(throws: ReviewStoreError.alreadyDecided(requestID: request.id)) {
                try await store.decide(requestID: request.id, officeID: office, decision: .changed, reason: "改变主意了", context: Self.reviewer)
            }
            let again = try await store.file(candidateID: offer.candidateID, offerID: offer.offerID, reason: "仍有异议", context: Self.candidate)
            #expect(try await store.list(officeID: office, status: .open).items.map(\.id) == [again.id])
        }
    }

    @Test("the database refuses a decision without a reason, a second open request, and rewriting a decided one")
    func databaseRules() async throws {
        try await withTestDatabase { (database) async throws in
            let (offer, _) = try await Self.offer(database)
            let request = try await ReviewStore(database: database)
                .file(candidateID: offer.candidateID, offerID: offer.offerID, reason: "请复核", context: Self.candidate)
            let refusals: [(sql: String, message: String)] = [
                ("UPDATE review_requests SET status = 'decided', decision = 'upheld', decided_by = 'x', decided_at = now() WHERE id = \(request.id)",
                 "review_requests_check"),
                ("INSERT INTO review_requests (offer_id, candidate_id, reason) VALUES (\(offer.offerID), \(offer.candidateID), 'again')",
                 "review_requests_one_open_idx"),
                ("""
                 INSERT INTO review_requests (offer_id, candidate_id, reason)
                 SELECT \(offer.offerID), min(id), 'not my offer' FROM candidates WHERE id <> \(offer.candidateID)
                 """, "was not made to candidate"),
                ("DELETE FROM review_requests WHERE id = \(request.id)", "never deleted"),
            ]
            for refusal in refusals {
                let error = await #expect(throws: PSQLError.self, "\(refusal.sql)") {
                    try await database.client.query(PostgresQuery(unsafeSQL: refusal.sql))
                }
                let text = [error?.serverInfo?[.message], error?.serverInfo?[.constraintName]].compactMap { $0 }.joined(separator: " ")
                #expect(text.contains(refusal.message), "\(refusal.sql): \(text)")
            }
            try await database.client.query(PostgresQuery(unsafeSQL: """
                UPDATE review_requests SET status = 'decided', decision = 'changed', decision_reason = 'offer withdrawn by hand',
                       decided_by = 'x', decided_at = now() WHERE id = \(request.id)
                """))
            await #expect(throws: PSQLError.self) {
                try await database.client.query("UPDATE review_requests SET decision = 'upheld' WHERE id = \(request.id)")
            }
        }
    }

    @Test("another office sees none of the requests and cannot decide them")
    func officeScope() async throws {
        try await withTestDatabase { (database) async throws in
            let (offer, office) = try await Self.offer(database)
            try await database.client.query("INSERT INTO offices (code, name, region_code) VALUES ('GY-HR', '广元市人社局', '510800')")
            try await database.client.query("INSERT INTO offices (code, name, region_code) VALUES ('SC-HR', '四川省人社厅', '510000')")
            let other = Int64(try await VacancyFixture.count("SELECT id FROM offices WHERE code = 'GY-HR'", database))
            let province = Int64(try await VacancyFixture.count("SELECT id FROM offices WHERE code = 'SC-HR'", database))
            let store = ReviewStore(database: database)
            let request = try await store.file(candidateID: offer.candidateID, offerID: offer.offerID, reason: "请复核", context: Self.candidate)
            #expect(try await store.list(officeID: other).items.isEmpty)
            await #expect(throws: ReviewStoreError.notFound(requestID: request.id)) {
                try await store.decide(requestID: request.id, officeID: other, decision: .changed, reason: "越权操作", context: Self.reviewer)
            }
            #expect(try await store.list(officeID: office).items.map(\.id) == [request.id])
            #expect(try await store.list(officeID: province).items.map(\.id) == [request.id], "the province sees the regions below it")
            #expect(try await store.get(requestID: request.id, officeID: office).status == .open)
        }
    }

    @Test("requests page by cursor, oldest first")
    func paging() async throws {
        try await withTestDatabase { (database) async throws in
            let (_, office) = try await Self.offer(database)
            let store = ReviewStore(database: database)
            let runID = Int64(try await VacancyFixture.count("SELECT max(id) FROM match_runs", database))
            let offers = try await OfferListing.forRun(runID, in: database)
            #expect(offers.count >= 5)
            for offer in offers.prefix(5) {
                _ = try await store.file(candidateID: offer.candidateID, offerID: offer.offerID, reason: "请复核", context: Self.candidate)
            }
            var ids: [Int64] = []
            var cursor: String? = nil
            repeat {
                let page = try await store.list(officeID: office, cursor: cursor, limit: 2)
                ids.append(contentsOf: page.items.map(\.id))
                cursor = page.nextCursor
            } while cursor != nil
            #expect(ids.count == 5 && ids == ids.sorted())
        }
    }
}
