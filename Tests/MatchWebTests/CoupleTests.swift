import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MatchStore
import MatchWeb
import PostgresNIO
import Testing

/// The couple pages (issue 17): invite by contact, confirm, the joint list built with the
/// helper and edited with one button per change, "unplaced" pairs only when accepted, dissolve.
@Suite("Applying as a couple")
struct CoupleTests {
    @Test("invite, confirm, the helper's pairs in order, move, remove, add, an unaccepted unplaced pair refused, dissolve")
    func couple() async throws {
        try await GatewayHarness.run { harness, client in
            var first = Browser(client)
            var second = Browser(client)
            let a = try await harness.register(&first, contact: "couple-a@example.cn", name: "甲方")
            let b = try await harness.register(&second, contact: "couple-b@example.cn", name: "乙方")
            _ = try await harness.saveProfile(&first)
            _ = try await harness.saveProfile(&second)
            let tongjiang = try await harness.makeVacancy(title: "通江岗位", region: "511921")
            let nanjiang = try await harness.makeVacancy(title: "南江岗位", region: "511922")
            for (browser, posts) in [(first, [tongjiang, nanjiang]), (second, [nanjiang, tongjiang])] {
                var browser = browser
                for post in posts { _ = try await browser.post("/ranking/add", [("vacancy", String(post))]) }
            }
            _ = try await first.get("/couple")
            #expect(try await first.post("/couple/invite", [("contact", "")]).status == .unprocessableContent)
            #expect(try await first.post("/couple/invite", [("contact", "couple-b@example.cn")]).status == .seeOther)
            let invited = try await second.get("/couple")
            #expect(invited.body.contains("甲方") && invited.body.contains("确认，共同申请"))
            let couple: Int64 = try await harness.scalar("SELECT id FROM couples WHERE inviter_id = \(a) AND invitee_id = \(b)")
            #expect(try await second.post("/couple/\(couple)/confirm", []).status == .seeOther)
            #expect(try await harness.scalar("SELECT count(*) FROM couple_members WHERE couple_id = \(couple)") == 2)
            // The helper, same county: (通江, 通江) and (南江, 南江) — each at places 1 and 2, the inviter's first place first.
            #expect(try await second.post("/couple/pairs/propose", [("rule", "county")]).status == .seeOther)
            #expect(try await Self.pairs(harness, couple) == "\(tongjiang)-\(tongjiang),\(nanjiang)-\(nanjiang)")
            _ = try await second.post("/couple/pairs/move", [("pair", "\(nanjiang)-\(nanjiang)"), ("direction", "up")])
            #expect(try await Self.pairs(harness, couple) == "\(nanjiang)-\(nanjiang),\(tongjiang)-\(tongjiang)")
            _ = try await first.post("/couple/pairs/remove", [("pair", "\(tongjiang)-\(tongjiang)")])
            _ = try await first.post("/couple/pairs/add", [("first", String(tongjiang)), ("second", String(nanjiang))])
            #expect(try await Self.pairs(harness, couple) == "\(nanjiang)-\(nanjiang),\(tongjiang)-\(nanjiang)")
            let page = try await first.get("/couple")
            #expect(page.body.contains("南江岗位") && page.body.contains("乙方"))
            // The invitee does not accept being left unplaced: such a pair is refused and nothing changes.
            let refused = try await first.post("/couple/pairs/add", [("first", String(tongjiang)), ("second", "")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("没有表示接受"))
            _ = try await second.post("/couple/\(couple)/unplaced", [("accepts", "yes")])
            #expect(try await first.post("/couple/pairs/add", [("first", String(tongjiang)), ("second", "")]).status == .seeOther)
            #expect(try await Self.pairs(harness, couple).hasSuffix(",\(tongjiang)-0"))
            #expect(try await second.post("/couple/\(couple)/dissolve", []).status == .seeOther)
            #expect(try await harness.scalar("SELECT count(*) FROM couple_members") == 0)
            #expect(try await first.get("/couple").body.contains("邀请对方共同申请"))
        }
    }

    static func pairs(_ harness: GatewayHarness, _ couple: Int64) async throws -> String {
        try await harness.scalar(
            """
            SELECT string_agg(coalesce(e.first_vacancy_id, 0) || '-' || coalesce(e.second_vacancy_id, 0), ',' ORDER BY e.rank)
            FROM couple_ranking_entries e WHERE e.ranking_id = (SELECT id FROM couple_rankings WHERE couple_id = \(couple) ORDER BY version DESC LIMIT 1)
            """, as: String.self)
    }
}
