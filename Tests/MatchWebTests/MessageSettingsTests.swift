import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MatchStore
import MatchWeb
import Testing

/// Issue 18: a candidate picks e-mail, SMS or both; offer and account messages cannot be
/// turned off, the others can; the language of the pages is the language of the messages.
@Suite("Message preferences")
struct MessageSettingsTests {
    @Test("SMS needs a verified mobile number, added with a code; both channels then get each offer message; removing the number falls back to e-mail")
    func channels() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "geng@example.cn")
            let page = try await browser.get("/account/messages")
            #expect(page.status == .ok && page.body.contains(#"id="channels-email" name="channels" value="email" checked"#))
            let early = try await browser.post("/account/messages", [("channels", "both"), ("keep", "offer_deadline")])
            #expect(early.status == .unprocessableContent && early.body.contains(#"id="channels-error""#) && early.body.contains("手机号"))
            let sameKind = try await browser.post("/account/messages/contact", [("second_contact", "other@example.cn")])
            #expect(sameKind.status == .unprocessableContent && sameKind.body.contains(#"id="second_contact-error""#))
            #expect(try await browser.post("/account/messages/contact", [("second_contact", "13900005555")]).location == "/account/messages/verify")
            let code = try await harness.code(sentTo: "13900005555")
            #expect(try await browser.post("/account/messages/verify", [("code", code)]).location == "/account/messages?done=second_contact")
            #expect(try await browser.post("/account/messages", [("channels", "both"), ("keep", "review_decided")]).status == .seeOther)
            #expect(try await harness.scalar("SELECT array_to_string(message_channels, ',') FROM candidates WHERE id = \(id)", as: String.self) == "email,sms")
            #expect(try await harness.scalar("SELECT array_to_string(muted_messages, ',') FROM candidates WHERE id = \(id)", as: String.self)
                    == "offer_deadline,couple_invitation")
            let offer = try await OfferFixture.make(harness, candidate: id, vacancy: try await harness.makeVacancy())
            // A reminder (turned off) is not written; an expiry (an offer message) goes by both channels.
            try await harness.execute("UPDATE offers SET deadline = now() + interval '1 hour' WHERE id = \(offer)")
            _ = try await DeadlineReminders(database: harness.app).scan()
            #expect(try await harness.scalar("SELECT count(*) FROM outbox_messages WHERE kind = 'offer_deadline'") == 0)
            _ = try await OfferStore(database: harness.app).expire(asOf: Date().addingTimeInterval(7200), actor: "test")
            #expect(try await harness.scalar("SELECT count(*) FROM outbox_messages WHERE kind = 'offer_expired' AND subject_id = \(offer)") == 2)
            _ = try await browser.post("/account/messages/contact/remove", [])
            #expect(try await harness.scalar("SELECT array_to_string(message_channels, ',') FROM candidates WHERE id = \(id)", as: String.self) == "email")
        }
    }

    @Test("messages are written in the language the candidate last used: set at registration, sign-in and the language switch")
    func language() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            browser.language = "en-GB,en;q=0.9"
            let id = try await harness.register(&browser, contact: "xin@example.cn")
            #expect(try await harness.scalar("SELECT language FROM candidates WHERE id = \(id)", as: String.self) == "en")
            _ = try await browser.get("/lang/zh-CN?back=%2F")
            #expect(try await harness.scalar("SELECT language FROM candidates WHERE id = \(id)", as: String.self) == "zh-CN")
        }
    }

    @Test("the messages page and the code pages pass the page checks in both languages")
    func pages() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            try await harness.register(&browser, contact: "ren@example.cn")
            for language in ["zh-CN", "en"] {
                browser.language = language
                for path in ["/account/messages", "/account/messages/verify", "/account/contact/verify"] {
                    let page = try await browser.get(path)
                    #expect(page.status == .ok, "\(path)")
                    PageQualityTests.checkLabels(page.body, path)
                    PageQualityTests.checkHeadings(page.body, path)
                    #expect(page.body.contains(#"<html lang="\#(language)">"#))
                }
            }
            var visitor = Browser(client)
            for language in ["zh-CN", "en"] {
                visitor.language = language
                for path in ["/verify?contact=ren%40example.cn", "/verify", "/reset", "/reset/code?contact=ren%40example.cn", "/reset/code"] {
                    let page = try await visitor.get(path)
                    #expect(page.status == .ok, "\(path)")
                    PageQualityTests.checkLabels(page.body, path)
                    PageQualityTests.checkHeadings(page.body, path)
                }
                let dead = try await visitor.get("/reset/new?token=nothing")
                #expect(dead.status == .notFound && dead.body.contains(#"href="/reset""#))
            }
        }
    }
}
