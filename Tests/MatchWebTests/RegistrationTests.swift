import Foundation
import Hummingbird
import HummingbirdTesting
import MatchStore
import MatchWeb
import Testing

@Suite("Registration, consents and passwords")
struct RegistrationTests {
    @Test("passwords: under 12 characters and common ones are refused beside the field, input kept; 64+ characters accepted; bcrypt cost 12")
    func passwordRules() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            _ = try await browser.get("/register")
            let short = try await browser.post("/register", [("full_name", "王小明"), ("contact", "wxm@example.cn"), ("password", "elevenchars"), ("consent_matching", "yes")])
            #expect(short.status == .unprocessableContent)
            #expect(short.body.contains("密码至少需要 12 个字符"))
            #expect(short.body.contains(#"aria-describedby="password-hint password-error""#))
            #expect(short.body.contains(#"id="password-error""#))
            #expect(short.body.contains(#"value="王小明""#) && short.body.contains(#"value="wxm@example.cn""#))
            #expect(!short.body.contains("elevenchars"))
            let common = try await browser.post("/register", [("full_name", "王小明"), ("contact", "wxm@example.cn"), ("password", "Woaini1314520"), ("consent_matching", "yes")])
            #expect(common.status == .unprocessableContent && common.body.contains("太常见"))
            #expect(try await harness.scalar("SELECT count(*) FROM candidates") == 0)
            // A 70-character Chinese passphrase, no digits or symbols required.
            let long = String(repeating: "山高水长人才兴", count: 10)
            let ok = try await browser.post("/register", [("full_name", "王小明"), ("contact", "wxm@example.cn"), ("password", long), ("consent_matching", "yes")])
            #expect(ok.status == .seeOther)
            let hash: String = try await harness.scalar("SELECT password_hash FROM candidate_accounts", as: String.self)
            #expect(hash.hasPrefix("$2b$12$"))
            _ = try await browser.post("/logout", [])
            _ = try await browser.get("/login")
            // Every character counts (bcrypt alone would read only the first 72 bytes).
            let cut = String(long.prefix(30))
            #expect(try await browser.post("/login", [("contact", "wxm@example.cn"), ("password", cut)]).status == .unauthorized)
            #expect(try await browser.post("/login", [("contact", "WXM@example.cn"), ("password", long)]).status == .seeOther)
        }
    }

    @Test("errors are in the reader's language; every field error is tied to its field")
    func englishErrors() async throws {
        try await GatewayHarness.run { _, client in
            var browser = Browser(client)
            browser.language = "en-GB,en;q=0.9"
            _ = try await browser.get("/register")
            let page = try await browser.post("/register", [("full_name", ""), ("contact", "not a contact"), ("password", "")])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains(#"<html lang="en">"#))
            for (field, text) in [("full_name", "Enter your full name"), ("contact", "Enter a valid mobile number"),
                                  ("password", "at least 12 characters"), ("consent_matching", "needs your consent")] {
                #expect(page.body.contains(#"id="\#(field)-error""#), "\(field)")
                #expect(page.body.contains(text), "\(text)")
                #expect(page.body.contains(##"href="#\##(field)""##), "summary links to \(field)")
            }
            #expect(page.body.contains(#"value="not a contact""#))
        }
    }

    @Test("sensitive-data consent is separate, timestamped and withdrawable; withdrawing erases the household registration")
    func consents() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "consent@example.cn", sensitive: false)
            #expect(try await harness.scalar("SELECT count(*) FROM candidate_consents WHERE candidate_id = \(id) AND purpose = 'matching'") == 1)
            #expect(try await harness.scalar("SELECT count(*) FROM candidate_consents WHERE candidate_id = \(id) AND purpose = 'sensitive_data'") == 0)
            // Without consent, a household registration sent anyway is not stored.
            let saved = try await harness.saveProfile(&browser, hukou: ["510000", "511900", "511921"])
            #expect(saved.status == .seeOther)
            #expect(try await harness.scalar("SELECT count(*) FROM candidates WHERE id = \(id) AND hukou_region_code IS NULL") == 1)
            let account = try await browser.get("/account")
            #expect(account.body.contains("第二十九条") || account.body.contains("处理敏感个人信息"))
            _ = try await browser.post("/account/consent", [("purpose", "sensitive_data"), ("action", "grant")])
            #expect(try await harness.saveProfile(&browser, hukou: ["510000", "511900", "511921"]).status == .seeOther)
            #expect(try await harness.scalar("SELECT count(*) FROM candidates WHERE id = \(id) AND hukou_region_code = '511921'") == 1)
            let before = try await browser.get("/account")
            #expect(!before.body.contains("撤回于"), "nothing is withdrawn yet")
            _ = try await browser.post("/account/consent", [("purpose", "sensitive_data"), ("action", "withdraw")])
            #expect(try await browser.get("/account").body.contains("撤回于"))
            #expect(try await harness.scalar(
                "SELECT count(*) FROM candidate_consents WHERE candidate_id = \(id) AND purpose = 'sensitive_data' AND withdrawn_at >= granted_at") == 1)
            #expect(try await harness.scalar("SELECT count(*) FROM candidates WHERE id = \(id) AND hukou_region_code IS NULL") == 1)
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log WHERE action LIKE 'consent.%' AND subject = 'candidate:\(id)'") == 2)
        }
    }

    @Test("a contact registers once (a second try answers like any registration and creates nothing); matching consent is required; nothing is half-saved")
    func duplicates() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            try await harness.register(&browser, contact: "13900001111")
            var second = Browser(client)
            _ = try await second.get("/register")
            let again = try await second.post("/register", [("full_name", "乙"), ("contact", "+86 139-0000-1111"), ("password", "a long enough passphrase"), ("consent_matching", "yes")])
            // The same answer as for a free contact: the page that asks for the code (its owner gets a notice).
            #expect(again.status == .seeOther && again.location == "/verify?contact=13900001111")
            let noConsent = try await second.post("/register", [("full_name", "乙"), ("contact", "yi@example.cn"), ("password", "a long enough passphrase")])
            #expect(noConsent.status == .unprocessableContent)
            #expect(try await harness.scalar("SELECT count(*) FROM candidates") == 1)
            #expect(try await harness.scalar("SELECT count(*) FROM candidate_accounts") == 1)
        }
    }
}

@Suite("Language")
struct LanguageTests {
    @Test("Chinese by default, Accept-Language next, the cookie first; the switch keeps the page")
    func negotiation() async throws {
        try await GatewayHarness.run { _, client in
            var browser = Browser(client)
            #expect(try await browser.get("/").body.contains(#"<html lang="zh-CN">"#))
            browser.language = "en-US,en;q=0.8"
            #expect(try await browser.get("/").body.contains(#"<html lang="en">"#))
            let switched = try await browser.get("/lang/zh-CN?back=%2Fposts%3Fmode%3Dremote")
            #expect(switched.status == .seeOther && switched.location == "/posts?mode=remote")
            #expect(try await browser.get("/posts").body.contains(#"<html lang="zh-CN">"#))
            #expect(try await browser.get("/lang/en?back=https://evil.example").location == "/")
            #expect(try await browser.get("/lang/en?back=//evil.example").location == "/")
        }
    }
}
