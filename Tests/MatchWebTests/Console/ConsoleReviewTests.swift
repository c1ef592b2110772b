import Foundation
import HummingbirdTesting
@testable import MatchStore
@testable import MatchWeb
import Testing

/// The review queue in the console: a reviewer reads an office's requests beside the
/// candidate's explanation and decides each with a reason, through the store the API uses;
/// an analyst reads but cannot decide, a centre's editor finds nothing, and another office
/// sees none of the requests.
@Suite("The staff console's review queue")
struct ConsoleReviewTests {
    static func openRequests(_ harness: GatewayHarness) async throws -> Int64 {
        try await harness.scalar("SELECT count(*) FROM review_requests WHERE status = 'open'")
    }

    @Test("a reviewer reads a request beside the explanation; a decision without a reason is refused beside the field; then it is recorded")
    func reviewerDecides() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var (reviewer, _) = try await ConsoleAdminFixture.signedIn(harness, client, login: "bz-reviewer", role: .reviewer, .office(code: "BZ-HR"))
            let post = try await ConsoleAdminFixture.post(of: "BZ-CENTRE", harness)
            let (request, offer) = try await ConsoleAdminFixture.review(harness, vacancy: post, nth: 0)
            let home = try await reviewer.get("/console")
            #expect(home.body.contains(#"<a href="/console/reviews">Reviews</a>"#), "the nav shows the queue to a reviewer")
            #expect(!home.body.contains(#"href="/console/tokens""#) && !home.body.contains(#"href="/console/audit""#))
            let queue = try await reviewer.get("/console/reviews")
            #expect(queue.status == .ok && queue.body.contains(#"<a href="/console/reviews/\#(request)">"#))
            let page = try await reviewer.get("/console/reviews/\(request)")
            #expect(page.status == .ok && page.body.contains("我的专业经历没有计入"), "the candidate's reason")
            #expect(page.body.contains("Score breakdown") && page.body.contains("71.50") && page.body.contains("70.25"),
                    "the explanation, worded as on the candidate's offer page")
            #expect(page.body.contains(#"name="decision" value="withdrawn""#) && page.body.contains(#"<textarea id="reason""#))

            let blank = try await reviewer.post("/console/reviews/\(request)", [("decision", "withdrawn"), ("reason", "  ")])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.body.contains(#"<p class="error" id="reason-error">Give the decision"#), "the error sits beside the field")
            #expect(blank.body.contains(#"value="withdrawn" aria-describedby="decision-withdrawn-hint" checked"#), "the choice is kept")
            #expect(try await Self.openRequests(harness) == 1, "nothing is written")
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log WHERE action = 'review.decide'") == 0)
            let none = try await reviewer.post("/console/reviews/\(request)", [("reason", "没有选择决定")])
            #expect(none.status == .unprocessableContent && none.body.contains(#"id="decision-error""#) && none.body.contains("没有选择决定"))
            let wrong = try await reviewer.post("/console/reviews/\(request)", [("decision", "reinstated"), ("reason", "恢复一个未答复的录用")])
            #expect(wrong.status == .unprocessableContent && wrong.body.contains(#"id="decision-error""#),
                    "the store's refusal (a pending offer cannot be reinstated) lands beside the decision")
            #expect(try await Self.openRequests(harness) == 1)

            let decided = try await reviewer.post("/console/reviews/\(request)", [("decision", "withdrawn"), ("reason", "核实后专业不对口，撤回录用")])
            #expect(decided.location == "/console/reviews/\(request)")
            #expect(try await harness.scalar(
                "SELECT count(*) FROM review_requests WHERE id = \(request) AND decision = 'withdrawn' AND decision_reason = '核实后专业不对口，撤回录用' AND decided_by LIKE 'staff:%:bz-reviewer'") == 1)
            #expect(try await harness.scalar("SELECT count(*) FROM offers WHERE id = \(offer) AND state = 'withdrawn'") == 1)
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log WHERE action = 'review.decide' AND actor LIKE 'staff:%:bz-reviewer'") == 1)
            let after = try await reviewer.get("/console/reviews/\(request)")
            #expect(after.body.contains("核实后专业不对口，撤回录用") && !after.body.contains(#"<textarea id="reason""#), "decided: no form")
            #expect(!(try await reviewer.get("/console/reviews")).body.contains("/console/reviews/\(request)\""), "no longer open")
            #expect((try await reviewer.get("/console/reviews?status=decided")).body.contains("/console/reviews/\(request)\""))
            #expect(try await reviewer.post("/console/reviews/\(request)", [("decision", "upheld"), ("reason", "再决定一次")]).location
                    == "/console/reviews/\(request)")
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log WHERE action = 'review.decide'") == 1, "decided once")
        }
    }

    @Test("an analyst reads but cannot decide; a centre's editor gets 404; another office sees none of the requests")
    func scopes() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var (analyst, _) = try await ConsoleAdminFixture.signedIn(harness, client, login: "bz-analyst", role: .officeAnalyst, .office(code: "BZ-HR"))
            let bazhong = try await ConsoleAdminFixture.review(harness, vacancy: try await ConsoleAdminFixture.post(of: "TJ-CENTRE", harness), nth: 1,
                                                               reason: "巴中的复核申请")
            let guangyuan = try await ConsoleAdminFixture.review(harness, vacancy: try await ConsoleAdminFixture.post(of: "GY-CENTRE", harness), nth: 2,
                                                                 reason: "广元的复核申请")
            let read = try await analyst.get("/console/reviews/\(bazhong.request)")
            #expect(read.status == .ok && read.body.contains("巴中的复核申请") && !read.body.contains(#"name="decision""#))
            let refused = try await analyst.post("/console/reviews/\(bazhong.request)", [("decision", "upheld"), ("reason", "分析员不能决定")])
            #expect(refused.status == .notFound)
            #expect(try await Self.openRequests(harness) == 2)
            #expect(try await analyst.get("/console/reviews/\(guangyuan.request)").status == .notFound, "another office's request")
            let queue = try await analyst.get("/console/reviews?status=all")
            #expect(queue.body.contains("/console/reviews/\(bazhong.request)\"") && !queue.body.contains("/console/reviews/\(guangyuan.request)\""))

            var (other, _) = try await ConsoleAdminFixture.signedIn(harness, client, login: "gy-reviewer", role: .reviewer, .office(code: "GY-HR"))
            #expect(try await other.get("/console/reviews/\(bazhong.request)").status == .notFound)
            _ = try await other.get("/console/reviews")
            #expect(try await other.post("/console/reviews/\(bazhong.request)", [("decision", "upheld"), ("reason", "不是本部门的申请")]).status == .notFound)
            #expect(!(try await other.get("/console/reviews?status=all")).body.contains("巴中的复核申请"))
            #expect(try await Self.openRequests(harness) == 2, "nothing decided across offices")

            var (centre, _) = try await ConsoleAdminFixture.signedIn(harness, client, login: "tj-editor", role: .centreEditor, .centre(code: "TJ-CENTRE"))
            #expect(try await centre.get("/console/reviews").status == .notFound)
            #expect(try await centre.get("/console/reviews/\(bazhong.request)").status == .notFound)
            _ = try await centre.get("/console")
            #expect(try await centre.post("/console/reviews/\(bazhong.request)", [("decision", "upheld"), ("reason", "中心不能决定")]).status == .notFound)
            #expect(!(try await centre.get("/console")).body.contains(#"href="/console/reviews""#))
        }
    }

    @Test("a couple's linked offer says so beside the request, and a decision moves both offers, as through the API (ADR 0049)")
    func linkedOffers() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var (reviewer, _) = try await ConsoleAdminFixture.signedIn(harness, client, login: "bz-couple-reviewer", role: .reviewer, .office(code: "BZ-HR"))
            let first = try await ConsoleAdminFixture.offer(harness, vacancy: try await ConsoleAdminFixture.post(of: "BZ-CENTRE", harness), nth: 3)
            let second = try await ConsoleAdminFixture.offer(harness, vacancy: try await ConsoleAdminFixture.post(of: "TJ-CENTRE", harness), nth: 4)
            try await ConsoleAdminFixture.link(harness, first, second)
            let request = try await ConsoleAdminFixture.file(harness, offer: first.offer, candidate: first.candidate)
            #expect(try await harness.scalar("SELECT count(*) FROM offers WHERE id IN (\(first.offer), \(second.offer)) AND state = 'under_review'") == 2)
            let page = try await reviewer.get("/console/reviews/\(request)")
            #expect(page.body.contains(#"id="couple-link""#) && page.body.contains("\(second.offer) — <strong>"), "the partner's post, in this office's scope")
            let decided = try await reviewer.post("/console/reviews/\(request)", [("decision", "withdrawn"), ("reason", "夫妻双方岗位合并，撤回录用")])
            #expect(decided.location == "/console/reviews/\(request)")
            #expect(try await harness.scalar(
                "SELECT count(*) FROM offers WHERE id IN (\(first.offer), \(second.offer)) AND state = 'withdrawn' AND withdrawal_cause = 'review'") == 2,
                    "the partner's offer is withdrawn with it")

            let own = try await ConsoleAdminFixture.offer(harness, vacancy: try await ConsoleAdminFixture.post(of: "BZ-CENTRE", harness), nth: 5)
            let away = try await ConsoleAdminFixture.offer(harness, vacancy: try await ConsoleAdminFixture.post(of: "GY-CENTRE", harness), nth: 6)
            try await ConsoleAdminFixture.link(harness, own, away)
            let hidden = try await ConsoleAdminFixture.file(harness, offer: own.offer, candidate: own.candidate)
            let across = try await reviewer.get("/console/reviews/\(hidden)")
            #expect(across.body.contains(#"id="couple-link""#) && across.body.contains("on a post of another office, which you cannot see"),
                    "a partner's offer on another office's post stays out of sight")
        }
    }
}
