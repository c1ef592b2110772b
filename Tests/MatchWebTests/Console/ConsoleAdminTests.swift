import Foundation
import HummingbirdTesting
@testable import MatchStore
@testable import MatchWeb
import Testing

/// Account administration in the console: an office admin issues and revokes API tokens,
/// invites and disables staff, creates centres and the offices below it, each sensitive change
/// after re-authentication (ADR 0053); an analyst and a centre's editor find none of it, and
/// an office sees and touches nothing of another office's.
@Suite("The staff console's administration")
struct ConsoleAdminTests {
    static func tokens(_ harness: GatewayHarness) async throws -> Int64 {
        try await harness.scalar("SELECT count(*) FROM api_tokens")
    }

    @Test("issuing a token needs re-authentication, then shows the secret once; revoking works for the office's own tokens only")
    func tokens() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var (admin, key) = try await ConsoleAdminFixture.signedIn(harness, client, login: "bz-admin", role: .officeAdmin, .office(code: "BZ-HR"))
            let page = try await admin.get("/console/tokens")
            #expect(page.status == .ok && page.body.contains(#"<option value="centre:TJ-CENTRE">"#) && !page.body.contains("GY-CENTRE"))
            let fields = [("label", "tj-posts-sync"), ("owner", "centre:TJ-CENTRE"), ("expires_days", "30")]
            try await ConsoleAdminFixture.ageSession("bz-admin", harness)
            let asked = try await admin.post("/console/tokens", fields)
            #expect(asked.location == "/console/reauth?next=/console/tokens", "re-authentication is required")
            #expect(try await Self.tokens(harness) == 0, "nothing is issued before it")
            _ = try await admin.get("/console/reauth?next=/console/tokens")
            let wrong = try await admin.post("/console/reauth", [("password", "not my password at all"), ("code", ConsoleAdminFixture.nextCode(key)),
                                                                 ("next", "/console/tokens")])
            #expect(wrong.status == .unauthorized && wrong.body.contains(#"id="password-error""#))
            let badCode = try await admin.post("/console/reauth", [("password", ConsoleSignInTests.password), ("code", "000000"), ("next", "/console/tokens")])
            #expect(badCode.status == .unauthorized && badCode.body.contains(#"id="code-error""#))
            #expect(try await admin.post("/console/tokens", fields).location?.hasPrefix("/console/reauth") == true, "still not confirmed")
            let confirmed = try await ConsoleAdminFixture.reauthenticate(&admin, key: key, next: "/console/tokens")
            #expect(confirmed.location == "/console/tokens")
            _ = try await admin.get("/console/tokens")
            let foreign = try await admin.post("/console/tokens", [("label", "x"), ("owner", "centre:GY-CENTRE")])
            #expect(foreign.status == .unprocessableContent && foreign.body.contains(#"id="owner-error""#), "another office's centre is refused")
            let noLabel = try await admin.post("/console/tokens", [("label", " "), ("owner", "centre:TJ-CENTRE"), ("expires_days", "9999")])
            #expect(noLabel.body.contains(#"id="label-error""#) && noLabel.body.contains(#"id="expires_days-error""#) && noLabel.body.contains(#"value="9999""#))
            #expect(try await Self.tokens(harness) == 0)
            let issued = try await admin.post("/console/tokens", fields)
            #expect(issued.status == .ok, "re-authentication is honoured")
            let secret = try #require(issued.body.firstMatch(of: /id="token-secret">(tm_[A-Za-z0-9_-]+)</).map { String($0.1) })
            let principal = try await TokenStore(database: harness.app).authenticate(secret)
            #expect(principal.label == "tj-posts-sync")
            guard case .centre(_, "TJ-CENTRE", _) = principal.organisation else { Issue.record("owner: \(principal.organisation)"); return }
            #expect(!(try await admin.get("/console/tokens")).body.contains(secret), "the secret is shown once")
            let id = principal.tokenID

            var (other, _) = try await ConsoleAdminFixture.signedIn(harness, client, login: "gy-admin", role: .officeAdmin, .office(code: "GY-HR"))
            #expect(!(try await other.get("/console/tokens")).body.contains("tj-posts-sync"), "another office does not see the token")
            #expect(try await other.post("/console/tokens/\(id)/revoke", []).status == .notFound)
            #expect(try await harness.scalar("SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL") == 1)
            _ = try await admin.get("/console/tokens")
            #expect(try await admin.post("/console/tokens/\(id)/revoke", []).location == "/console/tokens?revoked=1")
            await #expect(throws: TokenError.revoked) { try await TokenStore(database: harness.app).authenticate(secret) }
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log WHERE action IN ('token.issue', 'token.revoke') AND actor LIKE 'staff:%:bz-admin'") == 2)
        }
    }

    @Test("an analyst cannot issue a token; a centre's editor gets 404 on every administration page")
    func refused() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var (analyst, _) = try await ConsoleAdminFixture.signedIn(harness, client, login: "bz-analyst-2", role: .officeAnalyst, .office(code: "BZ-HR"))
            let home = try await analyst.get("/console")
            #expect(!home.body.contains(#"href="/console/tokens""#) && home.body.contains(#"href="/console/reviews""#))
            for path in ["/console/tokens", "/console/staff", "/console/centres", "/console/offices", "/console/audit"] {
                #expect(try await analyst.get(path).status == .notFound, "\(path)")
            }
            #expect(try await analyst.post("/console/tokens", [("label", "analyst"), ("owner", "office:BZ-HR")]).status == .notFound)
            #expect(try await analyst.post("/console/staff", [("organisation", "office:BZ-HR"), ("role", "office_admin"), ("name", "x"), ("login", "sneaky")]).status == .notFound)
            #expect(try await Self.tokens(harness) == 0)
            #expect(try await harness.scalar("SELECT count(*) FROM staff_accounts WHERE login = 'sneaky'") == 0)
            var (centre, _) = try await ConsoleAdminFixture.signedIn(harness, client, login: "bz-centre-ed", role: .centreEditor, .centre(code: "BZ-CENTRE"))
            for path in ["/console/tokens", "/console/staff", "/console/centres", "/console/offices", "/console/audit", "/console/reviews"] {
                #expect(try await centre.get(path).status == .notFound, "\(path)")
            }
            _ = try await centre.get("/console")
            #expect(try await centre.post("/console/tokens", [("label", "centre"), ("owner", "centre:BZ-CENTRE")]).status == .notFound)
            #expect(try await centre.post("/console/centres", [("code", "X-1"), ("name", "x"), ("region", "511921")]).status == .notFound)
            #expect(try await Self.tokens(harness) == 0)
        }
    }

    @Test("an admin invites staff with a link that works once, lists only its own staff, and disables them after re-authentication")
    func staff() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var (admin, key) = try await ConsoleAdminFixture.signedIn(harness, client, login: "bz-admin-3", role: .officeAdmin, .office(code: "BZ-HR"))
            _ = try await ConsoleAdminFixture.signedIn(harness, client, login: "gy-someone", role: .reviewer, .office(code: "GY-HR"))
            let list = try await admin.get("/console/staff")
            #expect(list.body.contains("bz-admin-3") && !list.body.contains("gy-someone"), "another office's staff are not listed")
            let taken = try await admin.post("/console/staff", [("organisation", "centre:TJ-CENTRE"), ("role", "centre_editor"), ("name", "王编辑"),
                                                                ("login", "gy-someone")])
            #expect(taken.status == .unprocessableContent && taken.body.contains(#"id="login-error""#) && taken.body.contains(#"value="王编辑""#))
            let wrongRole = try await admin.post("/console/staff", [("organisation", "centre:TJ-CENTRE"), ("role", "reviewer"), ("name", "王编辑"),
                                                                    ("login", "tj-wang")])
            #expect(wrongRole.body.contains(#"id="role-error""#))
            let invited = try await admin.post("/console/staff", [("organisation", "centre:TJ-CENTRE"), ("role", "centre_editor"), ("name", "王编辑"),
                                                                  ("login", "tj-wang")])
            #expect(invited.status == .ok)
            let url = try #require(invited.body.firstMatch(of: /id="invitation-url">([^<]+)</).map { String($0.1) })
            let path = try #require(url.firstMatch(of: /\/console\/invitation\/[A-Za-z0-9_-]{43}$/).map { String($0.0) })
            #expect(!(try await admin.get("/console/staff")).body.contains(path), "the link is shown once")
            var editor = Browser(client)
            _ = try await ConsoleSignInTests.signUp(&editor, link: path)
            #expect(try await editor.get("/console/posts").status == .ok)
            var stranger = Browser(client)
            #expect(try await stranger.get(path).status == .notFound, "the link works once")

            let wang: Int64 = try await harness.scalar("SELECT id FROM staff_accounts WHERE login = 'tj-wang'")
            let gy: Int64 = try await harness.scalar("SELECT id FROM staff_accounts WHERE login = 'gy-someone'")
            try await ConsoleAdminFixture.ageSession("bz-admin-3", harness)
            _ = try await admin.get("/console/staff")
            #expect(try await admin.post("/console/staff/\(wang)/disable", []).location?.hasPrefix("/console/reauth") == true)
            #expect(try await editor.get("/console/posts").status == .ok, "not disabled before re-authentication")
            #expect(try await ConsoleAdminFixture.reauthenticate(&admin, key: key, next: "/console/staff").location == "/console/staff")
            _ = try await admin.get("/console/staff")
            #expect(try await admin.post("/console/staff/\(gy)/disable", []).status == .notFound, "another office's staff")
            #expect(try await admin.post("/console/staff/\(wang)/disable", []).location == "/console/staff?disabled=1")
            #expect(try await editor.get("/console/posts").location == "/console/sign-in", "a disabled account is signed out at once")
            #expect(try await harness.scalar("SELECT count(*) FROM staff_accounts WHERE active") >= 2)
            #expect(try await harness.scalar("SELECT count(*) FROM staff_accounts WHERE id = \(gy) AND active") == 1)
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log WHERE action IN ('staff.invite', 'staff.disable') AND actor LIKE 'staff:%:bz-admin-3'") == 2)
        }
    }

    @Test("an invitation link is https for a public host and http for loopback, which the demo serves over plain HTTP", arguments: [
        ("talent.example.cn", true, "https"), ("talent.example.cn:8443", true, "https"), ("localhost:8080", true, "http"),
        ("127.0.0.1:41613", true, "http"), ("[::1]:8080", true, "http"), ("LOCALHOST", true, "http"), ("talent.example.cn", false, "http"),
        ("localhost.example.cn", true, "https"),
    ])
    func invitationScheme(host: String, secure: Bool, expected: String) {
        #expect(ConsoleStaffRoutes.scheme(host: host, secureCookies: secure) == expected)
    }

    @Test("an admin creates a centre in its region and an office below it, after re-authentication, errors beside the fields")
    func organisations() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var (admin, key) = try await ConsoleAdminFixture.signedIn(harness, client, login: "bz-admin-4", role: .officeAdmin, .office(code: "BZ-HR"))
            let centres = try await admin.get("/console/centres")
            #expect(centres.body.contains("TJ-CENTRE") && !centres.body.contains("GY-CENTRE"))
            let outside = try await admin.post("/console/centres", [("code", "GY-2"), ("name", "广元第二中心"), ("region", "510802")])
            #expect(outside.status == .unprocessableContent && outside.body.contains(#"id="region-error""#) && outside.body.contains(#"value="广元第二中心""#))
            let taken = try await admin.post("/console/centres", [("code", "TJ-CENTRE"), ("name", "重复"), ("region", "511921")])
            #expect(taken.body.contains(#"id="code-error""#))
            try await ConsoleAdminFixture.ageSession("bz-admin-4", harness)
            let fields = [("code", "NJ-CENTRE"), ("name", "南江县人才交流中心"), ("region", "511922")]
            #expect(try await admin.post("/console/centres", fields).location?.hasPrefix("/console/reauth") == true)
            #expect(try await harness.scalar("SELECT count(*) FROM centres WHERE code = 'NJ-CENTRE'") == 0)
            _ = try await ConsoleAdminFixture.reauthenticate(&admin, key: key, next: "/console/centres")
            _ = try await admin.get("/console/centres")
            #expect(try await admin.post("/console/centres", fields).location == "/console/centres?created=1")
            #expect(try await harness.scalar("SELECT count(*) FROM centres c JOIN offices o ON o.id = c.office_id WHERE c.code = 'NJ-CENTRE' AND o.code = 'BZ-HR'") == 1)

            let offices = try await admin.get("/console/offices")
            #expect(offices.status == .ok && !offices.body.contains("GY-HR"))
            let notBelow = try await admin.post("/console/offices", [("code", "GY-2"), ("name", "x"), ("region", "510800")])
            #expect(notBelow.body.contains(#"id="region-error""#))
            #expect(try await admin.post("/console/offices", [("code", "TJ-HR"), ("name", "通江县人社局"), ("region", "511921")]).location
                    == "/console/offices?created=1")
            #expect(try await harness.scalar(
                "SELECT count(*) FROM offices o JOIN offices p ON p.market_id = o.market_id WHERE o.code = 'TJ-HR' AND p.code = 'BZ-HR'") == 1,
                    "the new office joins its parent's market")
            #expect((try await admin.get("/console/offices")).body.contains("TJ-HR"))
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log WHERE action IN ('centre.create', 'office.create') AND actor LIKE 'staff:%:bz-admin-4'") == 2)
        }
    }
}
