import Foundation
import Hummingbird
import HummingbirdTesting
import MatchStore
import MatchWeb
import Testing

@Suite("Gateway security rules")
struct SecurityTests {
    @Test("every page carries CSP (object-src 'none', base-uri 'none'), nosniff and Referrer-Policy; personal pages are no-store")
    func headers() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            for path in ["/", "/register", "/login", "/posts", "/posts/987654"] {
                let page = try await browser.get(path)
                let csp = page.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("object-src 'none'") && csp.contains("base-uri 'none'"), "\(path): \(csp)")
                #expect(!csp.contains("unsafe-inline"))
                #expect(page.headers[.init("X-Content-Type-Options")!] == "nosniff")
                #expect(page.headers[.init("Referrer-Policy")!] == "same-origin")
                #expect(page.headers[.cacheControl] == "no-store", "\(path)")
            }
            try await harness.register(&browser, contact: "headers@example.cn")
            let profile = try await browser.get("/profile")
            #expect(profile.status == .ok)
            #expect(profile.headers[.cacheControl] == "no-store")
            let css = try await browser.get("/static/site.css")
            #expect(css.status == .ok && css.headers[.init("X-Content-Type-Options")!] == "nosniff")
        }
    }

    @Test("a POST without the CSRF token, or with another session's, gets 403 and changes nothing")
    func csrf() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            _ = try await browser.get("/register")
            let fields = [("full_name", "甲"), ("contact", "csrf@example.cn"), ("password", "a long enough passphrase"), ("consent_matching", "yes")]
            #expect(try await browser.post("/register", fields, csrf: "").status == .forbidden)
            #expect(try await browser.post("/register", fields, csrf: "forged-token-of-the-right-length-000000000").status == .forbidden)
            #expect(try await harness.scalar("SELECT count(*) FROM candidates WHERE contact = 'csrf@example.cn'") == 0)
            var stranger = Browser(client)
            _ = try await stranger.get("/login")
            #expect(try await browser.post("/register", fields, csrf: stranger.csrf).status == .forbidden)
            #expect(try await browser.post("/register", fields).status == .seeOther)
            // Issue 18: the account signs in once the code sent to its contact is typed (ADR 0044).
            _ = try await browser.post("/verify", [("contact", "csrf@example.cn"), ("code", try await harness.code(sentTo: "csrf@example.cn"))])
            _ = try await browser.get("/login")
            #expect(try await browser.post("/login", [("contact", "csrf@example.cn"), ("password", "a long enough passphrase")]).status == .seeOther)
            #expect(try await browser.get("/profile").status == .ok)
            // Signed in, a forged POST is refused too, and so is a visitor's token.
            #expect(try await browser.post("/logout", [], csrf: "").status == .forbidden)
            #expect(try await browser.post("/logout", [], csrf: stranger.csrf).status == .forbidden)
            #expect(try await browser.get("/profile").status == .ok, "still signed in")
        }
    }

    @Test("the session cookie is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/, 256-bit; only its hash is stored; a new one at every sign-in")
    func sessionCookie() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            // A visitor's form gets a CSRF nonce cookie with the same attributes, and no session.
            let form = try await browser.get("/login")
            let nonce = try #require(form.setCookies().first { $0.hasPrefix("__Host-tm_csrf=") })
            #expect(nonce.contains("Secure") && nonce.contains("HttpOnly") && nonce.contains("SameSite=Lax") && nonce.contains("Path=/"))
            #expect(!form.setCookies().contains { $0.hasPrefix("__Host-tm_session=") })
            // A token planted before signing in (session fixation) is never the one signed in.
            let planted = "planted-token-0000000000000000000000000000000"
            browser.cookies["__Host-tm_session"] = planted
            let id = try await harness.register(&browser, contact: "rotate@example.cn")
            let cookie = try #require(browser.cookies["__Host-tm_session"])
            #expect(cookie != planted)
            #expect(Data(base64Encoded: cookie.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "=")
                .map { $0.count * 8 } ?? 0 >= 256)
            let raw = try await harness.scalar("SELECT count(*) FROM web_sessions WHERE key_hash = convert_to('\(cookie)', 'UTF8')")
            #expect(raw == 0)
            var old = Browser(client)
            old.cookies["__Host-tm_session"] = planted
            #expect(try await old.get("/profile").status == .seeOther)
            #expect(try await browser.get("/profile").status == .ok)
            #expect(try await harness.scalar("SELECT count(*) FROM web_sessions WHERE value ->> 'candidate' = '\(id)'") == 1)
            // Logging out ends the session and clears the cookie; logging in again rotates.
            _ = try await browser.post("/logout", [])
            #expect(browser.cookies["__Host-tm_session"] == nil)
            #expect(try await harness.scalar("SELECT count(*) FROM web_sessions WHERE value ->> 'candidate' = '\(id)'") == 0)
            var replay = Browser(client)
            replay.cookies["__Host-tm_session"] = cookie
            #expect(try await replay.get("/profile").status == .seeOther, "the logged-out token works no more")
            _ = try await browser.get("/login")
            let login = try await browser.post("/login", [("contact", "rotate@example.cn"), ("password", "a long enough passphrase")])
            #expect(login.status == .seeOther)
            let again = try #require(login.setCookies().first { $0.hasPrefix("__Host-tm_session=") })
            #expect(again.contains("Secure") && again.contains("HttpOnly") && again.contains("SameSite=Lax") && again.contains("Path=/"))
            #expect(!again.contains("Domain="))
            #expect(browser.cookies["__Host-tm_session"] != cookie)
        }
    }

    @Test("sessions end after 30 idle minutes and 12 hours in all")
    func timeouts() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "idle@example.cn")
            #expect(try await browser.get("/profile").status == .ok)
            let left: Double = try await harness.scalar(
                "SELECT extract(epoch FROM expires_at - now())::float8 FROM web_sessions WHERE value ->> 'candidate' = '\(id)'", as: Double.self)
            #expect(left > 29 * 60 && left <= 30 * 60)
            try await harness.execute("UPDATE web_sessions SET expires_at = now() - interval '1 second' WHERE value ->> 'candidate' = '\(id)'")
            #expect(try await browser.get("/profile").status == .seeOther)

            _ = try await browser.get("/login")
            _ = try await browser.post("/login", [("contact", "idle@example.cn"), ("password", "a long enough passphrase")])
            #expect(try await harness.scalar("SELECT count(*) FROM web_sessions WHERE expires_at <= now()") == 0, "a sign-in sweeps expired sessions")
            #expect(try await browser.get("/profile").status == .ok)
            // Active all along, but started 12 hours ago: over.
            let started = Date().addingTimeInterval(-12 * 3600 - 5).timeIntervalSince1970
            try await harness.execute(
                "UPDATE web_sessions SET value = jsonb_set(value, '{created}', '\(started)'::jsonb) WHERE value ->> 'candidate' = '\(id)'")
            #expect(try await browser.get("/profile").status == .seeOther)
        }
    }

    @Test("changing contact or password needs the password again; a new password ends other sessions")
    func reauthentication() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "reauth@example.cn")
            // Registration counts as authentication; age it past the window.
            try await harness.execute(
                "UPDATE web_sessions SET value = jsonb_set(value, '{authenticatedAt}', '\(Date().timeIntervalSince1970 - 600)'::jsonb) WHERE value ->> 'candidate' = '\(id)'")
            _ = try await browser.get("/account")
            let refused = try await browser.post("/account/contact", [("contact", "new@example.cn")])
            #expect(refused.status == .seeOther && refused.location?.hasPrefix("/reauth") == true)
            #expect(try await harness.scalar("SELECT count(*) FROM candidates WHERE contact = 'new@example.cn'") == 0)
            _ = try await browser.get("/reauth?next=/account")
            #expect(try await browser.post("/reauth", [("password", "wrong password!!"), ("next", "/account")]).status == .unauthorized)
            #expect(try await browser.post("/reauth", [("password", "a long enough passphrase"), ("next", "/account")]).status == .seeOther)
            _ = try await browser.get("/account")
            #expect(try await browser.post("/account/contact", [("contact", "New@Example.cn")]).status == .seeOther)
            // Issue 18: the new contact takes effect with the code sent to it (ADR 0044).
            _ = try await browser.get("/account/contact/verify")
            #expect(try await browser.post("/account/contact/verify", [("code", try await harness.code(sentTo: "new@example.cn"))]).status == .seeOther)
            #expect(try await harness.scalar("SELECT count(*) FROM candidates WHERE id = \(id) AND contact = 'new@example.cn'") == 1)

            var other = Browser(client)
            _ = try await other.get("/login")
            _ = try await other.post("/login", [("contact", "new@example.cn"), ("password", "a long enough passphrase")])
            #expect(try await other.get("/profile").status == .ok)
            _ = try await browser.get("/account")
            #expect(try await browser.post("/account/password", [("new_password", "short")]).status == .unprocessableContent)
            #expect(try await browser.post("/account/password", [("new_password", "another long passphrase")]).status == .seeOther)
            #expect(try await browser.get("/profile").status == .ok)
            #expect(try await other.get("/profile").status == .seeOther)
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log WHERE action IN ('account.contact', 'account.password') AND subject = 'candidate:\(id)'") == 2)
        }
    }
}
