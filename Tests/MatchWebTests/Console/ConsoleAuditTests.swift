import Foundation
import HummingbirdTesting
@testable import MatchStore
@testable import MatchWeb
import Testing

/// The audit log in the console: an office admin reads its office's part (its staff's and
/// its tokens' rows), newest first, filtered by actor, action and dates, fifty a page; another
/// office's rows never show, and nobody but an office admin reaches the page.
@Suite("The staff console's audit log")
struct ConsoleAuditTests {
    @Test("an admin reads its office's rows only, filtered by actor, action and date, page by page")
    func filteredAndPaged() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var (admin, _) = try await ConsoleAdminFixture.signedIn(harness, client, login: "bz-auditor", role: .officeAdmin, .office(code: "BZ-HR"))
            var (other, _) = try await ConsoleAdminFixture.signedIn(harness, client, login: "gy-auditor", role: .officeAdmin, .office(code: "GY-HR"))
            _ = try await other.get("/console/tokens")
            #expect(try await other.post("/console/tokens", [("label", "gy-secret-label"), ("owner", "office:GY-HR")]).status == .ok)
            _ = try await admin.get("/console/tokens")
            #expect(try await admin.post("/console/tokens", [("label", "bz-own-label"), ("owner", "office:BZ-HR")]).status == .ok)
            let bz: Int64 = try await harness.scalar("SELECT id FROM staff_accounts WHERE login = 'bz-auditor'")
            let bzToken: Int64 = try await harness.scalar("SELECT id FROM api_tokens WHERE label = 'bz-own-label'")
            // Sixty rows by the office's own token, three days ago, so that the log has pages.
            try await harness.execute(
                """
                INSERT INTO audit_log (at, actor, action, subject, details, source)
                SELECT now() - interval '3 days', 'token:\(bzToken):bz-own-label', 'vacancy.update', 'vacancy ' || n, '{}', 'api'
                FROM generate_series(1, 60) n
                """)
            try await harness.execute(
                "INSERT INTO audit_log (actor, action, subject, source) VALUES ('candidate:1', 'review.file', 'review:99', 'web'), ('cli', 'office.create', 'office X', 'cli')")

            let all = try await admin.get("/console/audit")
            #expect(all.status == .ok)
            #expect(all.body.contains("bz-own-label") && !all.body.contains("gy-secret-label"), "another office's rows never show")
            #expect(!all.body.contains("review:99") && !all.body.contains("office X"), "a candidate's and the command line's rows are not an office's")
            #expect(all.body.matches(of: /<tr><td>\d{4}-\d\d-\d\d \d\d:\d\d UTC<\/td>/).count == 50, "fifty a page")
            let next = try #require(all.body.firstMatch(of: /<a href="(\/console\/audit\?[^"]+)" rel="next">/).map { String($0.1) })
            let second = try await admin.get(next.replacingOccurrences(of: "&amp;", with: "&"))
            let mine: Int64 = try await harness.scalar(
                "SELECT count(*) FROM audit_log WHERE actor = 'staff:\(bz)' OR actor LIKE 'staff:\(bz):%' OR actor LIKE 'token:\(bzToken):%'")
            #expect(mine > 60)
            #expect(second.body.matches(of: /<tr><td>\d{4}-\d\d-\d\d \d\d:\d\d UTC<\/td>/).count == Int(mine) - 50, "the rest on the second page")

            let issued = try await admin.get("/console/audit?action=token.issue")
            #expect(issued.body.contains("bz-own-label") && !issued.body.contains("vacancy.update</td>"))
            let byActor = try await admin.get("/console/audit?actor=bz-auditor")
            #expect(byActor.body.contains("staff:\(bz):bz-auditor") && !byActor.body.contains("vacancy.update</td>"))
            let day = { (offset: Double) in
                ISO8601DateFormatter().string(from: Date().addingTimeInterval(offset * 86_400)).prefix(10)
            }
            let old = try await admin.get("/console/audit?from=\(day(-4))&to=\(day(-2))")
            #expect(old.body.contains("vacancy.update</td>") && !old.body.contains("token.issue</td>"), "the date range")
            let future = try await admin.get("/console/audit?from=\(day(1))")
            #expect(future.body.contains("No entry matches."))
            let bad = try await admin.get("/console/audit?from=yesterday&actor=bz")
            #expect(bad.status == .unprocessableContent && bad.body.contains(#"<p class="error" id="from-error">"#) && bad.body.contains(#"value="bz""#))
            let backwards = try await admin.get("/console/audit?from=\(day(0))&to=\(day(-1))")
            #expect(backwards.body.contains(#"id="to-error""#))
            #expect(!(try await other.get("/console/audit")).body.contains("bz-own-label"), "nor the other way round")
        }
    }
}
