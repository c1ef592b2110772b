import Foundation
import HummingbirdTesting
import MatchLocal
@testable import MatchStore
@testable import MatchWeb
import Testing

/// The console's posts pages: each person sees the posts their scope sees, under row-level
/// security, and another centre's or office's post is 404.
@Suite("The staff console's posts")
struct ConsolePostTests {
    /// A signed-in browser for a new staff member of `organisation`.
    static func signedIn(_ harness: GatewayHarness, _ client: any TestClientProtocol, login: String, role: StaffRoleCode,
                         _ organisation: StaffInvite.Organisation) async throws -> Browser {
        _ = try await DemoDataset(database: harness.owner).load(.bazhongAndGuangyuan)
        let link = try await StaffStore(database: harness.owner)
            .invite(StaffInvite(organisation: organisation, role: role, name: "测试", login: login), actor: "test").path
        var browser = Browser(client)
        _ = try await ConsoleSignInTests.signUp(&browser, link: link)
        return browser
    }

    static func post(_ externalID: String, _ harness: GatewayHarness) async throws -> Int64 {
        try await harness.scalar("SELECT id FROM vacancies WHERE external_id = '\(externalID)'")
    }

    @Test("a centre editor lists, searches and closes its own posts; another centre's post is 404, even to close it")
    func centreEditor() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var browser = try await Self.signedIn(harness, client, login: "bz-editor-1", role: .centreEditor, .centre(code: "BZ-CENTRE"))
            let own = try await harness.scalar("SELECT count(*) FROM vacancies v JOIN centres c ON c.id = v.centre_id WHERE c.code = 'BZ-CENTRE'")
            let list = try await browser.get("/console/posts")
            #expect(list.status == .ok)
            #expect(list.body.matches(of: /<tr><td><a href="\/console\/posts\/\d+">/).count == Int(own))
            #expect(!list.body.contains("BZ-2026-001"), "TJ-CENTRE's post is not listed")
            let searched = try await browser.get("/console/posts?q=" + Browser.encode("融资"))
            #expect(searched.body.matches(of: /<tr><td><a href=/).count == 1 && searched.body.contains("巴州区融资专员"))
            let none = try await browser.get("/console/posts?q=" + Browser.encode("100%_"))
            #expect(none.body.contains("No post matches") || none.body.contains("没有符合条件的岗位"), "LIKE wildcards are searched for literally")
            let closedOnly = try await browser.get("/console/posts?status=closed")
            #expect(closedOnly.body.matches(of: /<tr><td><a href=/).isEmpty)
            let others = try await Self.post("BZ-2026-001", harness)
            #expect(try await browser.get("/console/posts/\(others)").status == .notFound)
            _ = try await browser.get("/console/posts")
            #expect(try await browser.post("/console/posts/\(others)/close", []).status == .notFound)
            #expect(try await harness.scalar("SELECT count(*) FROM vacancies WHERE id = \(others) AND status = 'closed'") == 0)
            let mine = try await Self.post("BZ-2026-004", harness)
            let page = try await browser.get("/console/posts/\(mine)")
            #expect(page.status == .ok && page.body.contains("/console/posts/\(mine)/close"))
            let closed = try await browser.post("/console/posts/\(mine)/close", [])
            #expect(closed.location == "/console/posts/\(mine)")
            #expect(try await harness.scalar(
                "SELECT count(*) FROM audit_log WHERE action = 'vacancy.close' AND subject = 'vacancy:\(mine)' AND actor LIKE 'staff:%:bz-editor-1'") == 1,
                "audited with the person's name")
            #expect(try await harness.scalar("SELECT count(*) FROM vacancies WHERE id = \(mine) AND status = 'closed'") == 1)
            _ = try await browser.get("/console/posts/\(mine)")
            let again = try await browser.post("/console/posts/\(mine)/open", [])
            #expect(again.status == .conflict, "a closed post is never reopened")
            let csv = try await browser.get("/console/posts/export.csv")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.body.contains("BZ-2026-004") && !csv.body.contains("BZ-2026-001"), "the export holds the centre's own posts only")
        }
    }

    @Test("an office analyst reads every post of its region but changes none; another office sees none of them")
    func officeStaff() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var analyst = try await Self.signedIn(harness, client, login: "bz-analyst", role: .officeAnalyst, .office(code: "BZ-HR"))
            let inRegion = try await harness.scalar("SELECT count(*) FROM vacancies WHERE region_code LIKE '5119%'")
            let list = try await analyst.get("/console/posts")
            #expect(list.body.matches(of: /<tr><td><a href="\/console\/posts\/\d+">/).count == Int(inRegion))
            let post = try await Self.post("BZ-2026-001", harness)
            let page = try await analyst.get("/console/posts/\(post)")
            #expect(page.status == .ok && !page.body.contains("/close\""), "no close button for an office")
            #expect(try await analyst.post("/console/posts/\(post)/close", []).status == .notFound)
            var guangyuan = try await Self.signedIn(harness, client, login: "gy-admin", role: .officeAdmin, .office(code: "GY-HR"))
            #expect(try await guangyuan.get("/console/posts/\(post)").status == .notFound, "another office's post is 404")
            let theirs = try await guangyuan.get("/console/posts")
            #expect(!theirs.body.contains("BZ-2026-"), "another office lists none of 巴中's posts")
            #expect(try await guangyuan.get("/console/posts/export.csv").body.contains("BZ-2026-") == false)
        }
    }

    @Test("a reviewer, who does not read posts' pages by role, still reads them; a signed-out visitor is sent to sign in")
    func access() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var visitor = Browser(client)
            #expect(try await visitor.get("/console/posts").location == "/console/sign-in")
            var reviewer = try await Self.signedIn(harness, client, login: "bz-reviewer", role: .reviewer, .office(code: "BZ-HR"))
            #expect(try await reviewer.get("/console/posts").status == .ok, "reviewers hold vacancies:read")
        }
    }
}
