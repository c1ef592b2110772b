import Foundation
import Hummingbird
import HummingbirdTesting
import MatchLocal
import MatchStore
import MatchStoreTesting
import MatchWeb
import MatchWorkflow
import Testing

@Suite("My offer and my data")
struct OfferAndDataTests {
    @Test("the demo candidate ranks, tonight's match runs, and the offer page explains it; decline needs a reason; accept works once")
    func nightlyOffer() async throws {
        try await GatewayHarness.run { harness, client in
            _ = try await DemoDataset(database: harness.owner).load()
            #expect(try await DemoLogin.ensure(in: harness.app))
            _ = try await PolicyStore(database: harness.app).create(
                officeCode: DemoDataset.officeCode, draft: PolicyDraft(regions: [], offerDays: 7, note: "test"), actor: "test")
            let outcome = try await NightlyJob(database: harness.app).run(
                officeCode: DemoDataset.officeCode, options: NightlyOptions(date: NightlyFixture.night(), actor: "test"))
            guard case .committed = outcome else { Issue.record("nightly: \(outcome)"); return }
            var browser = Browser(client)
            _ = try await browser.get("/login")
            #expect(try await browser.post("/login", [("contact", DemoLogin.contact), ("password", DemoLogin.password)]).status == .seeOther)
            let page = try await browser.get("/offer")
            #expect(page.status == .ok)
            let offer: Int64 = try await harness.scalar(
                "SELECT o.id FROM offers o JOIN candidates c ON c.id = o.candidate_id WHERE c.contact = '\(DemoLogin.contact)'")
            #expect(page.body.contains("为什么是这个岗位") && page.body.contains("得分构成"))
            #expect(page.body.contains("排在它前面的志愿为什么没有录取"))
            #expect(page.body.contains("/offer/\(offer)/accept"))
            let noReason = try await browser.post("/offer/\(offer)/decline", [("reason", "  ")])
            #expect(noReason.status == .unprocessableContent && noReason.body.contains(#"id="reason-error""#))
            #expect(try await browser.post("/offer/\(offer)/accept", []).status == .seeOther)
            let again = try await browser.post("/offer/\(offer)/decline", [("reason", "changed my mind")])
            #expect(again.status == .conflict && again.body.contains("已经答复过了"))
            #expect(try await harness.scalar(
                "SELECT count(*) FROM offer_transitions WHERE offer_id = \(offer) AND to_state = 'accepted' AND actor LIKE 'candidate:%'") == 1)
        }
    }

    @Test("a past deadline is refused")
    func deadline() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "late@example.cn")
            let vacancy = try await harness.makeVacancy()
            let offer = try await OfferFixture.make(harness, candidate: id, vacancy: vacancy)
            try await harness.execute("UPDATE offers SET deadline = now() - interval '1 minute' WHERE id = \(offer)")
            _ = try await browser.get("/offer")
            let late = try await browser.post("/offer/\(offer)/accept", [])
            #expect(late.status == .conflict && late.body.contains("截止时间已过"))
        }
    }

    @Test("a candidate asks for a human review of their offer (PIPL Art. 24); it reaches the office's queue; another's offer is 404")
    func humanReview() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "review@example.cn")
            var other = Browser(client)
            try await harness.register(&other, contact: "other@example.cn")
            let vacancy = try await harness.makeVacancy()
            let offer = try await OfferFixture.make(harness, candidate: id, vacancy: vacancy)
            let page = try await browser.get("/offer")
            #expect(page.body.contains("第二十四条") && page.body.contains("/offer/\(offer)/review"))
            let empty = try await browser.post("/offer/\(offer)/review", [("review_reason", " ")])
            #expect(empty.status == .unprocessableContent && empty.body.contains(#"id="review_reason-error""#))
            #expect(try await other.post("/offer/\(offer)/review", [("review_reason", "let me in")]).status == .notFound)
            let filed = try await browser.post("/offer/\(offer)/review", [("review_reason", "我的专业经历没有计入")])
            #expect(filed.status == .seeOther)
            #expect(try await harness.scalar(
                "SELECT count(*) FROM review_requests WHERE offer_id = \(offer) AND candidate_id = \(id) AND status = 'open' AND reason = '我的专业经历没有计入'") == 1)
            #expect(try await browser.get("/offer").body.contains("复核申请已提交"))
            // A second click does not file twice.
            #expect(try await browser.post("/offer/\(offer)/review", [("review_reason", "again")]).status == .seeOther)
            #expect(try await harness.scalar("SELECT count(*) FROM review_requests WHERE offer_id = \(offer)") == 1)
        }
    }

    @Test("download everything as JSON; deleting erases the person and keeps the decisions, with the reason")
    func myData() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "mine@example.cn", name: "数据人")
            _ = try await harness.saveProfile(&browser, hukou: ["510000", "511900", "511921"])
            let vacancy = try await harness.makeVacancy()
            let offer = try await OfferFixture.make(harness, candidate: id, vacancy: vacancy)
            let export = try await browser.get("/data/export.json")
            #expect(export.status == .ok && export.headers[.contentType]?.hasPrefix("application/json") == true)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(export.body.utf8)) as? [String: Any])
            let candidate = try #require(json["candidate"] as? [String: Any])
            #expect(candidate["full_name"] as? String == "数据人" && candidate["hukou_region_code"] as? String == "511921")
            #expect((json["consents"] as? [Any])?.count == 2 && (json["offers"] as? [Any])?.count == 1)
            #expect((json["specialties"] as? [[String: Any]])?.first?["code"] as? String == "090101")
            #expect(json["review_requests"] is [Any] && json["rankings"] is [Any] && json["audit_log"] is [Any])
            // Registration and the saved profile, each a version kept to explain past nights (ADR 0050).
            let versions = try #require(json["profile_versions"] as? [[String: Any]])
            #expect(versions.count == 2 && versions.last?["hukou_region_code"] as? String == "511921")
            #expect(versions.last?["specialties"] as? [String] == ["090101"])
            let dataPage = try await browser.get("/data")
            #expect(dataPage.body.contains("第二十四条"))
            #expect(try await browser.post("/data/delete", []).status == .unprocessableContent)
            #expect(try await browser.post("/data/delete", [("confirm", "yes")]).status == .seeOther)
            #expect(try await harness.scalar(
                "SELECT count(*) FROM candidates WHERE id = \(id) AND full_name = '已删除' AND contact LIKE 'deleted:%' AND hukou_region_code IS NULL AND status = 'withdrawn'") == 1)
            #expect(try await harness.scalar("SELECT count(*) FROM candidate_accounts WHERE candidate_id = \(id)") == 0)
            #expect(try await harness.scalar("SELECT count(*) FROM candidate_profile_versions WHERE candidate_id = \(id)") == 0,
                    "erasure leaves no earlier profile behind")
            #expect(try await harness.scalar("SELECT count(*) FROM offers WHERE id = \(offer) AND state = 'declined'") == 1)
            #expect(try await harness.scalar("SELECT count(*) FROM candidate_consents WHERE candidate_id = \(id) AND withdrawn_at IS NULL") == 0)
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log WHERE action = 'account.delete'") == 1)
            #expect(try await browser.get("/profile").status == .seeOther)
            _ = try await browser.get("/login")
            #expect(try await browser.post("/login", [("contact", "mine@example.cn"), ("password", "a long enough passphrase")]).status == .unauthorized)
        }
    }
}

@Suite("The offer's explanation in the reader's language")
struct OfferExplanationPageTests {
    @Test("stored codes are worded in Chinese and in English: the score, the cutoff, a full post and a failed rule")
    func wordedInBothLanguages() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "why@example.cn")
            let vacancy = try await harness.makeVacancy()
            let higher = try await harness.makeVacancy(title: "南江县规划所")
            let offer = try await OfferFixture.make(harness, candidate: id, vacancy: vacancy)
            try await harness.execute(
                #"""
                UPDATE offers SET explanation = '{"v":2,"score":42.5,"cutoff":40.25,"breakdown":{"experience":[0.5,20.0,10.0]},"admittedBy":[["specialty","same-code"]],"rankedAbove":[[\#(higher),"full",51.5,42.5],[\#(higher),"not-eligible",[["education","master","bachelor"]]]]}'
                WHERE id = \#(offer)
                """#
            )
            browser.language = "zh-CN"
            let chinese = try await browser.get("/offer").body
            #expect(chinese.contains("42.50") && chinese.contains("40.25"))
            #expect(chinese.contains("南江县规划所"))
            #expect(chinese.contains("名额已满：录取线 51.50，你的得分 42.50"))
            #expect(chinese.contains("学历不足：要求硕士，你是本科"))
            #expect(chinese.contains("工作经历"))
            browser.language = "en"
            let english = try await browser.get("/offer").body
            #expect(english.contains("Full: cutoff 51.50, your score 42.50"))
            #expect(english.contains("Education too low: Master"), "the rule is worded from the catalogue, not the engine's English")
        }
    }
}
