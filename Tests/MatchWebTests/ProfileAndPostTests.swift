import Foundation
import Hummingbird
import HummingbirdTesting
import MatchStore
import MatchWeb
import Testing

@Suite("Profile and posts")
struct ProfileAndPostTests {
    @Test("specialties are found by name or code in the real catalogue; regions cascade province → prefecture → county")
    func pickers() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            try await harness.register(&browser, contact: "picker@example.cn")
            _ = try await browser.get("/profile")
            let byName = try await browser.post("/profile", [("action", "search"), ("specialty_q", "农学")])
            #expect(byName.status == .ok && byName.body.contains(#"value="090101""#))
            let byCode = try await browser.post("/profile", [("action", "search"), ("specialty_q", "0809")])
            #expect(byCode.body.contains("080901") && byCode.body.contains("计算机科学与技术"))
            let cascade = try await browser.post("/profile", [("action", "regions"), ("current_province", "510000"), ("current_prefecture", "511900"),
                                                               ("specialty", "090101"), ("experience_years", "4")])
            #expect(cascade.body.contains("巴中市") && cascade.body.contains("通江县"))
            #expect(cascade.body.contains(#"value="511900" selected"#))
            #expect(cascade.body.contains(#"id="sp-090101" name="specialty" value="090101" checked"#), "the chosen specialty is kept")
            #expect(cascade.body.contains(#"value="4""#), "typed experience is kept")
            // 柔性引进 is explained in a sentence beside its checkbox.
            #expect(cascade.body.contains("不迁户口、不转档案、不占用人单位编制"))
        }
    }

    @Test("a bad profile comes back with every error beside its field and nothing saved")
    func invalidProfile() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "badprofile@example.cn")
            _ = try await browser.get("/profile")
            let page = try await browser.post("/profile", [("action", "save"), ("education", "phd?"), ("experience_years", "-3"),
                                                            ("current_province", "510000"), ("current_prefecture", "110100")])
            #expect(page.status == .unprocessableContent)
            for field in ["education", "experience_years", "specialty", "modes", "current"] {
                #expect(page.body.contains(#"id="\#(field)-error""#), "\(field)")
            }
            #expect(page.body.contains(#"value="-3""#))
            #expect(try await harness.scalar("SELECT count(*) FROM candidate_accounts WHERE candidate_id = \(id) AND profile_completed_at IS NULL") == 1)
            let good = try await harness.saveProfile(&browser, modes: ["part_time", "remote"])
            #expect(good.status == .seeOther)
            #expect(try await harness.scalar("SELECT count(*) FROM candidates WHERE id = \(id) AND accepted_modes = '{part_time,remote}' AND education = 'bachelor'") == 1)
        }
    }

    @Test("posts filter by region, specialty, designation, mode and incentive")
    func browse() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            try await harness.makeVacancy(title: "通江县农技站")
            try await harness.makeVacancy(title: "成都远程顾问", region: "510104", specialty: "080901", modes: "{remote}")
            try await harness.makeVacancy(title: "已关闭岗位", status: "closed")
            let all = try await browser.get("/posts")
            #expect(all.body.contains("通江县农技站") && all.body.contains("成都远程顾问") && !all.body.contains("已关闭岗位"))
            let remote = try await browser.get("/posts?mode=remote")
            #expect(remote.body.contains("成都远程顾问") && !remote.body.contains("通江县农技站"))
            let bazhong = try await browser.get("/posts?region=511900")
            #expect(bazhong.body.contains("通江县农技站") && !bazhong.body.contains("成都远程顾问"))
            let agronomy = try await browser.get("/posts?specialty=0901")
            #expect(agronomy.body.contains("通江县农技站") && !agronomy.body.contains("成都远程顾问"))
            let designated = try await browser.get("/posts?designation=key_assistance_county")
            let expected = try await harness.scalar(
                """
                SELECT count(*) FROM region_designations d JOIN designation_lists l ON l.id = d.list_id AND l.in_force
                JOIN regions r ON r.code = d.region_code
                WHERE l.kind = 'key_assistance_county' AND '511921' LIKE r.prefix || '%'
                """)
            #expect(designated.body.contains("通江县农技站") == (expected > 0))
            #expect(!designated.body.contains("成都远程顾问"))
            let incentive = try await browser.get("/posts?incentive=spouse_placement")
            #expect(incentive.body.contains("没有符合条件的开放岗位"))
        }
    }

    @Test("a post shows its rules with their basis, and which rule the candidate fails and why")
    func eligibility() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            try await harness.register(&browser, contact: "elig@example.cn")
            #expect(try await harness.saveProfile(&browser, education: "associate", hukou: ["510000", "510100", "510104"]).status == .seeOther)
            let post = try await harness.makeVacancy(title: "需本科岗位", minEducation: "bachelor")
            try await harness.execute(
                "INSERT INTO vacancy_household_rules (vacancy_id, kind, region_code, legal_basis) VALUES (\(post), 'registered_within', '511900', '巴人社发〔2026〕12号')")
            let page = try await browser.get("/posts/\(post)")
            #expect(page.status == .ok)
            #expect(page.body.contains("户籍须在巴中市") && page.body.contains("巴人社发〔2026〕12号"))
            #expect(page.body.contains("你暂不符合这个岗位的条件"))
            #expect(page.body.contains("学历不足：要求本科，你是大专"))
            #expect(page.body.contains("户籍须在 5119"))
            #expect(!page.body.contains("加入我的志愿"))
            #expect(page.body.contains("安家费") && page.body.contains("¥50000"))
            #expect(!page.body.contains("¥50000 —"), "an empty note prints no dash")
            #expect(page.body.contains("<dd>3</dd>"), "service years")
            let fine = try await harness.makeVacancy(title: "大专可报岗位")
            let ok = try await browser.get("/posts/\(fine)")
            #expect(ok.body.contains("你符合这个岗位的全部条件") && ok.body.contains("加入我的志愿"))
        }
    }
}
