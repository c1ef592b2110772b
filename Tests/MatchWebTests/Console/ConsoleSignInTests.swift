import Foundation
import HummingbirdTesting
import MatchLocal
@testable import MatchStore
@testable import MatchWeb
import Testing

/// Staff sign-in (issue 15, ADR 0034): an invitation link, a password, an authenticator
/// enrolled with a QR code, recovery codes, and a second factor at every sign-in.
@Suite("The staff console's sign-in")
struct ConsoleSignInTests {
    static let password = "a long staff passphrase 2026"

    /// Invites an office admin of the demo office; returns the link's path.
    static func invite(_ harness: GatewayHarness, login: String = "li-admin", role: StaffRoleCode = .officeAdmin) async throws -> String {
        _ = try await DemoDataset(database: harness.owner).load()
        let organisation: StaffInvite.Organisation = role == .centreEditor ? .centre(code: "BZ-CENTRE") : .office(code: "BZ-HR")
        return try await StaffStore(database: harness.owner)
            .invite(StaffInvite(organisation: organisation, role: role, name: "李管理", login: login), actor: "test").path
    }

    /// Accepts the invitation and enrols as a person does, reading the key off the page;
    /// returns the key and the recovery codes shown.
    static func signUp(_ browser: inout Browser, link: String) async throws -> (key: String, recoveryCodes: [String]) {
        _ = try await browser.get(link)
        let accepted = try await browser.post(link, [("new_password", password), ("repeat_password", password)])
        #expect(accepted.location == "/console/enrol", "\(accepted.status) \(accepted.body.prefix(500))")
        let enrol = try await browser.follow(accepted)
        let key = try #require(enrol.body.firstMatch(of: /id="totp-key">([A-Z2-7 ]+)</).map { String($0.1) })
        let confirmed = try await browser.post("/console/enrol", [("code", TOTPReference.code(base32Key: key))])
        #expect(confirmed.location == "/console/recovery-codes")
        let shown = try await browser.follow(confirmed)
        let codes = shown.body.matches(of: /<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/).map { String($0.1) }
        let done = try await browser.post("/console/recovery-codes", [])
        #expect(done.location == "/console")
        return (key, codes)
    }

    @Test("the reference TOTP agrees with RFC 6238's test vector and with the server's HummingbirdOTP")
    func totpVector() {
        let rfcKey = TOTPReference.encode(Data("12345678901234567890".utf8))
        #expect(TOTPReference.code(base32Key: rfcKey, at: Date(timeIntervalSince1970: 59), digits: 8) == "94287082")
        #expect(TOTPReference.code(base32Key: rfcKey, at: Date(timeIntervalSince1970: 1_111_111_109), digits: 8) == "07081804")
        let server = StaffTOTP.generate()
        let key = server.typedKey(login: "x").replacingOccurrences(of: " ", with: "")
        let now = Date()
        #expect(server.step(matching: TOTPReference.code(base32Key: key, at: now), now: now) == Int64(now.timeIntervalSince1970) / 30)
        #expect(server.step(matching: "000000x", now: now) == nil)
    }

    @Test("an invitation sets a password, enrols an authenticator from a QR code, and shows ten recovery codes once")
    func invitationToConsole() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var browser = Browser(client)
            let link = try await Self.invite(harness)
            let page = try await browser.get(link)
            #expect(page.status == .ok && page.body.contains("li-admin"))
            let short = try await browser.post(link, [("new_password", "short"), ("repeat_password", "short")])
            #expect(short.status == .unprocessableContent)
            #expect(short.body.contains(#"id="new_password-error""#), "the error sits beside its field")
            let mismatch = try await browser.post(link, [("new_password", Self.password), ("repeat_password", Self.password + "x")])
            #expect(mismatch.status == .unprocessableContent && mismatch.body.contains(#"id="repeat_password-error""#))
            _ = try await browser.post(link, [("new_password", Self.password), ("repeat_password", Self.password)])
            let enrol = try await browser.get("/console/enrol")
            #expect(enrol.body.contains(#"<img class="qr" src="data:image/svg+xml;base64,"#), "a QR code drawn by qrencode")
            let wrong = try await browser.post("/console/enrol", [("code", "000000")])
            #expect(wrong.status == .unprocessableContent && wrong.body.contains(#"id="code-error""#))
            let key = try #require(enrol.body.firstMatch(of: /id="totp-key">([A-Z2-7 ]+)</).map { String($0.1) })
            _ = try await browser.post("/console/enrol", [("code", TOTPReference.code(base32Key: key))])
            let codes = try await browser.get("/console/recovery-codes")
            #expect(codes.body.matches(of: /<li><code>[a-z0-9]{5}-[a-z0-9]{5}<\/code><\/li>/).count == 10)
            _ = try await browser.post("/console/recovery-codes", [])
            let home = try await browser.get("/console")
            #expect(home.status == .ok && home.body.contains("部门管理员") && home.body.contains("BZ-HR"), "\(home.body.prefix(300))")
            #expect(try await browser.get("/console/recovery-codes").location == "/console", "shown once")
            #expect(try await browser.get(link).status == .notFound, "the link works once")
            #expect(try await harness.scalar("SELECT count(*) FROM staff_recovery_codes WHERE used_at IS NULL") == 10)
            #expect(try await harness.scalar("SELECT count(*) FROM staff_credentials WHERE password_hash LIKE '$2b$12$%'") == 1)
        }
    }

    @Test("signing in needs the password and then a fresh code; a code is accepted once, a recovery code once")
    func signIn() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var first = Browser(client)
            let (key, recovery) = try await Self.signUp(&first, link: try await Self.invite(harness))
            #expect(recovery.count == 10)
            var browser = Browser(client)
            #expect(try await browser.get("/console").location == "/console/sign-in", "signed out, the console asks who you are")
            _ = try await browser.get("/console/sign-in")
            let wrong = try await browser.post("/console/sign-in", [("login", "li-admin"), ("password", "not the password at all")])
            #expect(wrong.status == .unauthorized && wrong.body.contains(#"id="password-error""#) && wrong.body.contains("li-admin"))
            let unknown = try await browser.post("/console/sign-in", [("login", "nobody"), ("password", Self.password)])
            #expect(unknown.status == .unauthorized)
            let right = try await browser.post("/console/sign-in", [("login", "LI-ADMIN"), ("password", Self.password)])
            #expect(right.location == "/console/sign-in/code")
            #expect(try await browser.get("/console").location == "/console/sign-in", "the password alone opens nothing")
            _ = try await browser.get("/console/sign-in/code")
            // A code of a step at or before the last one used is refused (RFC 6238 §5.2).
            let step = Int64(Date().timeIntervalSince1970) / 30
            try await harness.execute("UPDATE staff_credentials SET totp_last_step = \(step + 1)")
            let replayed = try await browser.post("/console/sign-in/code", [("code", TOTPReference.code(base32Key: key))])
            #expect(replayed.status == .unauthorized && replayed.body.contains(#"id="code-error""#))
            let byRecovery = try await browser.post("/console/sign-in/code", [("code", recovery[0].uppercased())])
            #expect(byRecovery.location == "/console")
            #expect(try await browser.get("/console").status == .ok)
            let out = try await browser.post("/console/sign-out", [])
            #expect(out.location == "/console/sign-in?signed_out=1")
            #expect(try await browser.get("/console").location == "/console/sign-in")
            _ = try await browser.get("/console/sign-in")
            _ = try await browser.post("/console/sign-in", [("login", "li-admin"), ("password", Self.password)])
            _ = try await browser.get("/console/sign-in/code")
            let reused = try await browser.post("/console/sign-in/code", [("code", recovery[0])])
            #expect(reused.status == .unauthorized, "a recovery code works once")
            try await harness.execute("UPDATE staff_credentials SET totp_last_step = \(step - 1)")
            let code = TOTPReference.code(base32Key: key)
            let accepted = try await browser.post("/console/sign-in/code", [("code", code)])
            #expect(accepted.location == "/console")
            _ = try await browser.follow(accepted)
            _ = try await browser.post("/console/sign-out", [])
            _ = try await browser.get("/console/sign-in")
            _ = try await browser.post("/console/sign-in", [("login", "li-admin"), ("password", Self.password)])
            _ = try await browser.get("/console/sign-in/code")
            let again = try await browser.post("/console/sign-in/code", [("code", code)])
            #expect(again.status == .unauthorized, "the same code does not sign in twice")
        }
    }

    @Test("the staff session has its own __Host- cookie, every form needs its CSRF token, and disabling ends it at once")
    func session() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var browser = Browser(client)
            let link = try await Self.invite(harness)
            let page = try await browser.get(link)
            let forged = try await browser.post(link, [("new_password", Self.password), ("repeat_password", Self.password)], csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(page.setCookies().contains { $0.hasPrefix("__Host-tm_staff_csrf=") })
            _ = try await browser.post(link, [("new_password", Self.password), ("repeat_password", Self.password)])
            _ = try await browser.get("/console/enrol")
            #expect(browser.cookies["__Host-tm_staff"] != nil && browser.cookies["__Host-tm_session"] == nil,
                    "a staff session is not a candidate session")
            var again = Browser(client)
            _ = try await Self.signUp(&again, link: try await Self.invite(harness, login: "wang-editor", role: .centreEditor))
            #expect(try await again.get("/console").body.contains("中心编辑"))
            let staffID = try await harness.scalar("SELECT id FROM staff_accounts WHERE login = 'wang-editor'")
            try await StaffStore(database: harness.owner).disable(staffID: staffID, actor: "test")
            #expect(try await again.get("/console").location == "/console/sign-in", "a disabled account is signed out at once")
        }
    }

    @Test("an invitation link that is malformed, unknown, expired or revoked gets the same page")
    func invalidLinks() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var browser = Browser(client)
            let link = try await Self.invite(harness)
            let staffID = try await harness.scalar("SELECT id FROM staff_accounts WHERE login = 'li-admin'")
            let fresh = try await StaffStore(database: harness.owner).reinvite(staffID: staffID, actor: "test").path
            let revoked = try await browser.get(link)
            #expect(revoked.status == .notFound && revoked.body.contains("新的邀请"))
            try await harness.execute("UPDATE staff_invitations SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE used_at IS NULL AND revoked_at IS NULL")
            #expect(try await browser.get(fresh).status == .notFound, "expired")
            #expect(try await browser.get("/console/invitation/short").status == .notFound)
            #expect(try await browser.get("/console/invitation/" + String(repeating: "A", count: 43)).status == .notFound)
        }
    }
}
