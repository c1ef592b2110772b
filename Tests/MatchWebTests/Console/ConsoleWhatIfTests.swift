import Foundation
import HummingbirdTesting
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
@testable import MatchWeb
import MatchWorkflow
import Testing

/// "Try it first" in the console (issue 15, ADR 0054): a draft policy solved as a what-if of the
/// whole market against the last committed night, shown side by side with it, then committed as
/// one new version by an office admin or thrown away; an analyst tries but never commits.
@Suite("The staff console's what-if")
struct ConsoleWhatIfTests {
    /// What a what-if must never write: policies, runs, offers and the audit log, counted together.
    static func written(_ harness: GatewayHarness) async throws -> [Int64] {
        var counts: [Int64] = []
        for table in ["policies", "policy_region_constraints", "match_runs", "offers", "audit_log", "match_run_parity"] {
            counts.append(try await harness.scalar("SELECT count(*) FROM \(table)"))
        }
        return counts
    }

    /// Both offices of the demo market with a policy, and tonight's night committed.
    static func committedNight(_ harness: GatewayHarness) async throws -> Int64 {
        for office in [DemoDataset.officeCode, DemoDataset.secondOfficeCode] {
            _ = try await PolicyStore(database: harness.app).create(officeCode: office, draft: PolicyDraft(regions: []), actor: "test")
        }
        return try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(harness.app)))
    }

    /// The hidden fields of the result page: the draft as it travels to commit or to change it.
    static func hidden(_ page: String) -> [(String, String)] {
        page.matches(of: /<input type="hidden" name="([^"]+)" value="([^"]*)">/).compactMap { match in
            match.1 == "_csrf" ? nil : (String(match.1), String(match.2))
        }
    }

    @Test("an analyst tries a draft with a cap and sees the posts whose candidates change, cannot commit it, and throwing it away writes nothing")
    func analystTriesAndDiscards() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var analyst = try await ConsolePostTests.signedIn(harness, client, login: "whatif-analyst", role: .officeAnalyst, .office(code: "BZ-HR"))
            analyst.language = "en"
            let run = try await Self.committedNight(harness)
            // The region of 巴中's posts where the night placed most, capped one below what it placed.
            let region: String = try await harness.scalar(
                """
                SELECT v.region_code FROM offers o JOIN vacancies v ON v.id = o.vacancy_id JOIN centres c ON c.id = v.centre_id
                JOIN offices f ON f.id = c.office_id WHERE o.run_id = \(run) AND f.code = 'BZ-HR'
                GROUP BY v.region_code ORDER BY count(*) DESC, v.region_code LIMIT 1
                """, as: String.self)
            let placed: Int64 = try await harness.scalar(
                "SELECT count(*) FROM offers o JOIN vacancies v ON v.id = o.vacancy_id WHERE o.run_id = \(run) AND v.region_code = '\(region)'")
            #expect(placed >= 1, "the night must place someone there for the cap to change anything")
            let policy = try await analyst.get("/console/policy")
            #expect(policy.body.contains(#"href="/console/policy/what-if""#) && !policy.body.contains(#"href="/console/policy/new""#))
            let form = try await analyst.get("/console/policy/what-if")
            #expect(form.status == .ok && form.body.contains(#"action="/console/policy/what-if""#))
            #expect(!form.body.contains("Save as a new version"), "an analyst is not offered to save")
            let before = try await Self.written(harness)
            let fields = ConsolePolicyTests.fields(form.body, [
                "region_0": region, "cap_0": String(placed - 1), "reason_0": "城区已饱和", "note": "试算上限",
            ])
            let result = try await analyst.post("/console/policy/what-if", fields)
            #expect(result.status == .ok)
            #expect(result.body.contains("Compared with the committed night of \(NightlyFixture.night()) (run \(run))"))
            #expect(result.body.contains("Fill by region") && result.body.contains("Floors and shortfall"))
            let capped: [Int64] = try await Self.ids(
                "SELECT DISTINCT o.vacancy_id FROM offers o JOIN vacancies v ON v.id = o.vacancy_id WHERE o.run_id = \(run) AND v.region_code = '\(region)'",
                harness)
            #expect(capped.contains { result.body.contains(#"<a href="/console/posts/\#($0)">"#) },
                    "a post of the capped region loses a candidate and is listed: \(result.body)")
            #expect(result.body.contains("<td class=\"number\">-"), "the capped region's fill goes down")
            #expect(!result.body.contains("Commit as a new version"), "an analyst is not offered to commit")
            #expect(result.body.contains("Change the draft") && result.body.contains(#"<a class="button secondary" href="/console/policy">"#))
            let draft = Self.hidden(result.body)
            #expect(draft.contains { $0 == ("cap_0", String(placed - 1)) } && draft.contains { $0 == ("note", "试算上限") }, "the draft survives the round trip")
            let again = try await analyst.post("/console/policy/what-if", draft + [("action", "edit")])
            #expect(again.status == .ok && again.body.contains(#"value="城区已饱和""#), "changing the draft keeps what was typed")
            #expect(try await analyst.post("/console/policy/new", draft).status == .notFound, "an analyst cannot commit")
            _ = try await analyst.get("/console/policy")
            #expect(try await Self.written(harness) == before, "trying, changing and throwing away wrote nothing")
        }
    }

    @Test("an admin's what-if keeps errors beside fields, commits exactly one version from the result page; a centre's editor finds nothing")
    func adminCommits() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var admin = try await ConsolePostTests.signedIn(harness, client, login: "whatif-admin", role: .officeAdmin, .office(code: "BZ-HR"))
            admin.language = "en"
            let before = try await Self.written(harness)
            let editor = try await admin.get("/console/policy/new")
            #expect(editor.body.contains(#"formaction="/console/policy/what-if""#), "the editor offers to try the draft first")
            let none = try await admin.post("/console/policy/what-if", ConsolePolicyTests.fields(editor.body, ["note": "没有夜晚"]))
            #expect(none.status == .ok)
            #expect(none.body.contains("There is no committed night for your office"), "said plainly, with what to do: \(none.body)")
            #expect(none.body.contains("Commit as a new version"), "an admin may still commit without trying")
            #expect(try await Self.written(harness) == before, "a what-if without a night writes nothing")

            _ = try await Self.committedNight(harness)
            let versions = try await ConsolePolicyTests.versions("BZ-HR", harness)
            let audits: Int64 = try await harness.scalar("SELECT count(*) FROM audit_log WHERE action = 'policy.create'")
            let fresh = try await admin.get("/console/policy/new")
            let bad = try await admin.post("/console/policy/what-if", ConsolePolicyTests.fields(fresh.body, ["weight_experience": "lots"]))
            #expect(bad.status == .unprocessableContent && bad.body.contains(#"id="weight_experience-error""#) && bad.body.contains(#"value="lots""#))
            let outside = try await admin.post("/console/policy/what-if",
                                               ConsolePolicyTests.fields(fresh.body, ["region_0": "110101", "floor_0": "1", "reason_0": "测试"]))
            #expect(outside.status == .unprocessableContent && outside.body.contains(#"<p class="error" id="region_0-error">"#))
            let tried = try await admin.post("/console/policy/what-if", ConsolePolicyTests.fields(fresh.body, [
                "weight_experience": "4", "region_0": "511921", "floor_0": "1", "reason_0": "通江县是艰苦地区", "note": "试算后提交",
            ]))
            #expect(tried.status == .ok && tried.body.contains("Commit as a new version"))
            #expect(tried.body.contains("Candidates who move") && tried.body.contains("Spillover to other offices"))
            #expect(try await ConsolePolicyTests.versions("BZ-HR", harness) == versions, "trying writes no version")
            let committed = try await admin.post("/console/policy/new", Self.hidden(tried.body))
            #expect(committed.location == "/console/policy")
            #expect(try await ConsolePolicyTests.versions("BZ-HR", harness) == versions + 1, "exactly one version")
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log WHERE action = 'policy.create'") == audits + 1)
            #expect(try await harness.scalar(
                """
                SELECT count(*) FROM policies p JOIN offices o ON o.id = p.office_id JOIN policy_region_constraints c ON c.policy_id = p.id
                WHERE o.code = 'BZ-HR' AND p.version = \(versions + 1) AND p.note = '试算后提交' AND c.region_prefix = '511921' AND c.floor = 1
                """) == 1, "the version committed is the draft that was tried")

            var centre = try await ConsolePostTests.signedIn(harness, client, login: "whatif-centre", role: .centreEditor, .centre(code: "BZ-CENTRE"))
            #expect(try await centre.get("/console/policy/what-if").status == .notFound)
            _ = try await centre.get("/console/posts")
            #expect(try await centre.post("/console/policy/what-if", Self.hidden(tried.body)).status == .notFound)
            #expect(try await ConsolePolicyTests.versions("BZ-HR", harness) == versions + 1)
        }
    }

    static func ids(_ sql: String, _ harness: GatewayHarness) async throws -> [Int64] {
        let text: String = try await harness.scalar("SELECT coalesce(string_agg(id::text, ','), '') FROM (\(sql)) AS q(id)", as: String.self)
        return text.split(separator: ",").compactMap { Int64($0) }
    }
}
