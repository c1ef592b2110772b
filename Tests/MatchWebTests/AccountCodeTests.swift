import Foundation
import Hummingbird
import HummingbirdTesting
import MatchStore
import MatchWeb
import Testing

/// Issue 18: contacts verified with one-time codes, forgotten passwords reset by a code or a
/// link, none of it saying whether an account exists.
@Suite("Codes: verifying contacts and resetting passwords")
struct AccountCodeTests {
    static let password = "a long enough passphrase"

    @Test("registering sends a code; the account signs in only once it is typed; a taken contact gets the same page, and its owner a notice instead of a code")
    func verification() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            _ = try await browser.get("/register")
            let fields = [("full_name", "甲"), ("contact", "jia@example.cn"), ("password", Self.password), ("consent_matching", "yes")]
            let first = try await browser.post("/register", fields)
            #expect(first.status == .seeOther && first.location == "/verify?contact=jia%40example%2Ecn")
            let page = try await browser.follow(first)
            #expect(page.status == .ok && page.body.contains("jia@example.cn") && page.body.contains(#"autocomplete="one-time-code""#))
            #expect(try await harness.scalar("SELECT count(*) FROM outbox_messages WHERE kind = 'contact_verification' AND address = 'jia@example.cn' AND channel = 'email'") == 1)
            // Before the code: the right password leads back to the code page, with a new code.
            _ = try await browser.get("/login")
            let early = try await browser.post("/login", [("contact", "jia@example.cn"), ("password", Self.password)])
            #expect(early.status == .seeOther && early.location?.hasPrefix("/verify?unverified=1") == true)
            #expect(try await harness.scalar("SELECT count(*) FROM outbox_messages WHERE kind = 'contact_verification' AND address = 'jia@example.cn'") == 2)
            // The same registration again: the same answer; the owner is told, no code is sent.
            var stranger = Browser(client)
            _ = try await stranger.get("/register")
            let again = try await stranger.post("/register", fields)
            #expect(again.status == first.status && again.location == first.location)
            #expect(try await harness.scalar("SELECT count(*) FROM outbox_messages WHERE kind = 'registration_notice' AND address = 'jia@example.cn'") == 1)
            #expect(try await harness.scalar("SELECT count(*) FROM outbox_messages WHERE kind = 'contact_verification' AND address = 'jia@example.cn'") == 2)
            #expect(try await harness.scalar("SELECT count(*) FROM candidates") == 1)
            // The newest code verifies; then signing in works.
            _ = try await browser.get("/verify?contact=jia%40example.cn")
            let wrong = try await browser.post("/verify", [("contact", "jia@example.cn"), ("code", "000000")])
            #expect(wrong.status == .unprocessableContent && wrong.body.contains(#"id="code-error""#))
            let code = try await harness.code(sentTo: "jia@example.cn")
            let right = try await browser.post("/verify", [("contact", "jia@example.cn"), ("code", code)])
            #expect(right.status == .seeOther && right.location == "/login?verified=1")
            #expect(try await browser.post("/verify", [("contact", "jia@example.cn"), ("code", code)]).status == .unprocessableContent, "a code works once")
            _ = try await browser.follow(right)
            #expect(try await browser.post("/login", [("contact", "jia@example.cn"), ("password", Self.password)]).location == "/profile")
            #expect(try await harness.scalar("SELECT count(*) FROM candidates WHERE contact_verified_at IS NOT NULL AND message_channels = '{email}'") == 1)
        }
    }

    @Test("five wrong codes kill a code; an expired code never works; codes are stored only as hashes")
    func wrongAndExpired() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            _ = try await browser.get("/register")
            _ = try await browser.post("/register", [("full_name", "乙"), ("contact", "13900002222"), ("password", Self.password), ("consent_matching", "yes")])
            let code = try await harness.code(sentTo: "13900002222")
            #expect(try await harness.scalar("SELECT count(*) FROM outbox_messages WHERE address = '13900002222' AND channel = 'sms'") == 1)
            #expect(try await harness.scalar("SELECT count(*) FROM account_codes WHERE encode(code_hash, 'hex') LIKE '%' || '\(code)' || '%'") == 0)
            _ = try await browser.get("/verify?contact=13900002222")
            for _ in 0..<5 {
                #expect(try await browser.post("/verify", [("contact", "13900002222"), ("code", "999999")]).status == .unprocessableContent)
            }
            #expect(try await browser.post("/verify", [("contact", "13900002222"), ("code", code)]).status == .unprocessableContent,
                    "after five wrong tries the right code is dead too")
            _ = try await browser.post("/verify/resend", [("contact", "13900002222")])
            let fresh = try await harness.code(sentTo: "13900002222")
            try await harness.execute("UPDATE account_codes SET created_at = now() - interval '1 hour', expires_at = now() - interval '1 second' WHERE used_at IS NULL")
            #expect(try await browser.post("/verify", [("contact", "13900002222"), ("code", fresh)]).status == .unprocessableContent)
        }
    }

    @Test("a forgotten password is reset by the code or by the link, each once; an unknown contact gets the same answer and nothing is sent; sessions end; the contact is told")
    func reset() async throws {
        try await GatewayHarness.run { harness, client in
            var owner = Browser(client)
            let id = try await harness.register(&owner, contact: "bing@example.cn")
            var visitor = Browser(client)
            _ = try await visitor.get("/reset")
            let known = try await visitor.post("/reset", [("contact", "bing@example.cn")])
            let unknown = try await visitor.post("/reset", [("contact", "nobody@example.cn")])
            #expect(known.status == .seeOther && unknown.status == .seeOther)
            #expect(known.location == "/reset/code?contact=bing%40example%2Ecn" && unknown.location == "/reset/code?contact=nobody%40example%2Ecn")
            let knownPage = try await visitor.follow(known), unknownPage = try await visitor.follow(unknown)
            // The same page but for the contact, typed (value="…") and in the language switch's link back (percent-encoded).
            let sameness = { (body: String, contact: String) in
                body.replacingOccurrences(of: contact, with: "X").replacing(/value="[^"]*"/, with: "").replacing(/contact%3D[^"&]*/, with: "contact%3DX")
            }
            #expect(sameness(knownPage.body, "bing@example.cn") == sameness(unknownPage.body, "nobody@example.cn"))
            #expect(try await harness.scalar("SELECT count(*) FROM outbox_messages WHERE kind = 'password_reset'") == 1)
            // The link, from the message: its form, then the new password; the link is then dead.
            let token = try await harness.code(sentTo: "bing@example.cn", kind: "password_reset", field: "token")
            let form = try await visitor.get("/reset/new?token=\(token)")
            #expect(form.status == .ok && form.body.contains(#"name="token""#))
            let done = try await visitor.post("/reset/new", [("token", token), ("new_password", "a brand new passphrase")])
            #expect(done.status == .seeOther && done.location == "/login?reset=1")
            #expect(try await visitor.get("/reset/new?token=\(token)").status == .notFound)
            #expect(try await owner.get("/account").status == .seeOther, "the owner's session ended with the reset")
            #expect(try await harness.scalar("SELECT count(*) FROM outbox_messages WHERE kind = 'password_changed' AND candidate_id = \(id)") == 1)
            _ = try await visitor.get("/login")
            #expect(try await visitor.post("/login", [("contact", "bing@example.cn"), ("password", "a brand new passphrase")]).status == .seeOther)
            // The code, typed with a new password; a code works once.
            var again = Browser(client)
            _ = try await again.get("/reset")
            _ = try await again.post("/reset", [("contact", "bing@example.cn")])
            let code = try await harness.code(sentTo: "bing@example.cn", kind: "password_reset")
            _ = try await again.get("/reset/code?contact=bing%40example.cn")
            let weak = try await again.post("/reset/code", [("contact", "bing@example.cn"), ("code", code), ("new_password", "short")])
            #expect(weak.status == .unprocessableContent && weak.body.contains(#"id="new_password-error""#))
            let typed = try await again.post("/reset/code", [("contact", "bing@example.cn"), ("code", code), ("new_password", "the third passphrase here")])
            #expect(typed.location == "/login?reset=1")
            let twice = try await again.post("/reset/code", [("contact", "bing@example.cn"), ("code", code), ("new_password", "a fourth passphrase here")])
            #expect(twice.status == .unprocessableContent && twice.body.contains(#"id="code-error""#))
        }
    }

    @Test("sending codes is throttled per contact, whether or not it has an account; the limit ends by itself")
    func throttled() async throws {
        var configuration = GatewayConfiguration()
        configuration.codeRequests = .init(perAccount: 2, perAddress: 100, windowSeconds: 3600)
        try await GatewayHarness.run(configuration: configuration) { harness, client in
            var browser = Browser(client)
            try await harness.register(&browser, contact: "ding@example.cn")
            var visitor = Browser(client)
            _ = try await visitor.get("/reset")
            for contact in ["ding@example.cn", "nobody@example.cn"] {
                let statuses = try await (0..<3).asyncMap { _ in try await visitor.post("/reset", [("contact", contact)]).status }
                // Registering spent one of ding's two; the unknown contact gets the same treatment.
                #expect(statuses.last == .tooManyRequests, "\(contact): \(statuses)")
            }
            let refused = try await visitor.post("/reset", [("contact", "ding@example.cn")])
            #expect(refused.status == .tooManyRequests && Int(refused.headers[.retryAfter] ?? "") ?? 0 > 0)
        }
    }

    @Test("the sign-in contact changes only with the code sent to the new one; the old one is told; a taken contact answers the same")
    func contactChange() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "wu@example.cn")
            var other = Browser(client)
            let otherID = try await harness.register(&other, contact: "13900003333")
            _ = try await browser.get("/account")
            let taken = try await browser.post("/account/contact", [("contact", "13900003333")])
            #expect(taken.location == "/account/contact/verify")
            #expect(try await harness.scalar("SELECT count(*) FROM outbox_messages WHERE kind = 'registration_notice' AND candidate_id = \(otherID)") == 1)
            let free = try await browser.post("/account/contact", [("contact", "13900004444")])
            #expect(free.location == "/account/contact/verify")
            #expect(try await harness.scalar("SELECT contact FROM candidates WHERE id = \(id)", as: String.self) == "wu@example.cn")
            _ = try await browser.follow(free)
            #expect(try await browser.post("/account/contact/verify", [("code", "123456")]).status == .unprocessableContent)
            let code = try await harness.code(sentTo: "13900004444")
            #expect(try await browser.post("/account/contact/verify", [("code", code)]).location == "/account?done=contact")
            #expect(try await harness.scalar("SELECT contact FROM candidates WHERE id = \(id)", as: String.self) == "13900004444")
            // The old e-mail stays as the second contact (verified), so e-mail still reaches them.
            #expect(try await harness.scalar("SELECT second_contact FROM candidates WHERE id = \(id)", as: String.self) == "wu@example.cn")
            #expect(try await harness.scalar("SELECT count(*) FROM outbox_messages WHERE kind = 'contact_changed' AND address = 'wu@example.cn'") == 1)
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
