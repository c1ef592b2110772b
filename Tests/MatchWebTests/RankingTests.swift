import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MatchStore
import MatchWeb
import MatchWorkflow
import PostgresNIO
import Testing

@Suite("My ranking")
struct RankingTests {
    @Test("add, reorder with buttons, remove; each change is a new version; the page says truthful ranking is safe and when the match runs")
    func editing() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "rank@example.cn")
            _ = try await harness.saveProfile(&browser)
            let first = try await harness.makeVacancy(title: "第一岗位")
            let second = try await harness.makeVacancy(title: "第二岗位")
            _ = try await browser.get("/posts/\(first)")
            #expect(try await browser.post("/ranking/add", [("vacancy", String(first))]).status == .seeOther)
            // Add and move answer with the post's card as the fragment: the page opens with focus on it.
            let added = try await browser.post("/ranking/add", [("vacancy", String(second))])
            #expect(added.status == .seeOther && added.location == "/ranking#post-\(second)")
            let page = try await browser.get("/ranking")
            // Safety in plain words: ranking honestly never costs a post (issue 13: "strategy-proof" was jargon).
            #expect(page.body.contains("真实的意愿") && page.body.contains("绝不会让你错过") && page.body.contains("下一次匹配时间"))
            #expect(page.body.range(of: "第一岗位")!.lowerBound < page.body.range(of: "第二岗位")!.lowerBound)
            let up = try await browser.post("/ranking/move", [("vacancy", String(second)), ("direction", "up")])
            #expect(up.status == .seeOther && up.location == "/ranking#post-\(second)")
            let moved = try await browser.get("/ranking")
            #expect(moved.body.range(of: "第二岗位")!.lowerBound < moved.body.range(of: "第一岗位")!.lowerBound)
            #expect(moved.body.contains("id=\"post-\(second)\" tabindex=\"-1\""))
            // The drag-and-drop endpoint only permutes what is ranked.
            _ = try await browser.post("/ranking/order", [("order", "\(first),\(second)")])
            let choices: String = try await harness.scalar(
                "SELECT choices::text FROM rankings WHERE candidate_id = \(id) ORDER BY version DESC LIMIT 1", as: String.self)
            #expect(choices == "{\(first),\(second)}")
            _ = try await browser.post("/ranking/order", [("order", "\(first),\(second),999")])
            #expect(try await harness.scalar("SELECT max(version)::int8 FROM rankings WHERE candidate_id = \(id)") == 4)
            #expect(try await browser.post("/ranking/remove", [("vacancy", String(first))]).status == .seeOther)
            #expect(try await harness.scalar("SELECT max(version)::int8 FROM rankings WHERE candidate_id = \(id)") == 5)
            #expect(try await browser.get("/ranking").body.contains("第一岗位") == false)
        }
    }

    @Test("an unknown, closed or ineligible post is refused with the reason, and nothing is stored")
    func refusals() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "refuse@example.cn")
            _ = try await browser.get("/ranking")
            let early = try await browser.post("/ranking/add", [("vacancy", "1")])
            #expect(early.status == .unprocessableContent && early.body.contains("请先填写并保存资料"))
            _ = try await harness.saveProfile(&browser, education: "associate")
            let closed = try await harness.makeVacancy(title: "关闭岗位", status: "closed")
            let tooHigh = try await harness.makeVacancy(title: "博士岗位", minEducation: "doctorate")
            _ = try await browser.get("/ranking")
            let unknown = try await browser.post("/ranking/add", [("vacancy", "987654")])
            #expect(unknown.status == .unprocessableContent && unknown.body.contains("没有这个岗位"))
            let closedPage = try await browser.post("/ranking/add", [("vacancy", String(closed))])
            #expect(closedPage.status == .unprocessableContent && closedPage.body.contains("已关闭"))
            let ineligible = try await browser.post("/ranking/add", [("vacancy", String(tooHigh))])
            #expect(ineligible.status == .unprocessableContent && ineligible.body.contains("学历不足"))
            let garbage = try await browser.post("/ranking/add", [("vacancy", "abc")])
            #expect(garbage.status == .unprocessableContent)
            #expect(try await harness.scalar("SELECT count(*) FROM rankings WHERE candidate_id = \(id)") == 0)
        }
    }

    @Test("rankings are frozen while the market's night runs, with the lottery's commitment shown; its secret is shown once revealed")
    func frozen() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "frozen@example.cn")
            _ = try await harness.saveProfile(&browser)
            let post = try await harness.makeVacancy()
            // What NightlyJob's freeze writes (migration 0031); the secret is 32 zero bytes.
            let commitment = "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925"
            try await harness.owner.client.query(
                "INSERT INTO market_freezes (market_id, night, commitment) VALUES (sole_market(), current_date, \(commitment))"
            )
            let page = try await browser.get("/ranking")
            #expect(page.body.contains("志愿暂时冻结"))
            #expect(page.body.contains(commitment), "the commitment is published on the ranking page")
            let refused = try await browser.post("/ranking/add", [("vacancy", String(post))])
            #expect(refused.status == .conflict && refused.body.contains("志愿暂时冻结"))
            try await harness.owner.client.query("UPDATE market_freezes SET released_at = now(), secret = repeat('0', 64)")
            #expect(try await harness.scalar("SELECT count(*) FROM rankings WHERE candidate_id = \(id)") == 0)
            #expect(try await browser.post("/ranking/add", [("vacancy", String(post))]).status == .seeOther)
            let after = try await browser.get("/ranking")
            #expect(!after.body.contains("志愿暂时冻结"))
            #expect(after.body.contains(String(repeating: "0", count: 64)), "the revealed secret, to check against the commitment")
        }
    }
}
