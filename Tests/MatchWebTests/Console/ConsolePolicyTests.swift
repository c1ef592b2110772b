import Foundation
import HummingbirdTesting
import MatchCore
import MatchLocal
@testable import MatchStore
@testable import MatchWeb
import Testing

/// An office's policy in the console: the version in force, every past one, a diff between
/// any two, and an editor that saves a new version with the API's validation. Only an office
/// admin writes; an analyst reads; a centre and another office see nothing of it.
@Suite("The staff console's policy pages")
struct ConsolePolicyTests {
    static func versions(_ office: String, _ harness: GatewayHarness) async throws -> Int64 {
        try await harness.scalar("SELECT count(*) FROM policies p JOIN offices o ON o.id = p.office_id WHERE o.code = '\(office)'")
    }

    /// The editor's fields as the page fills them, with `changes` applied.
    static func fields(_ page: String, _ changes: [String: String]) -> [(String, String)] {
        var fields: [(String, String)] = []
        for match in page.matches(of: /<input id="[^"]+" name="([^"]+)" type="text"[^>]* value="([^"]*)"/) {
            fields.append((String(match.1), String(match.2)))
        }
        for match in page.matches(of: /<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/) {
            fields.append((String(match.1), String(match.2)))
        }
        if let rows = page.firstMatch(of: /name="rows" value="(\d+)"/) { fields.append(("rows", String(rows.1))) }
        fields = fields.map { name, value in (name, changes[name] ?? value) }
        for (name, value) in changes where !fields.contains(where: { $0.0 == name }) { fields.append((name, value)) }
        return fields
    }

    @Test("an office admin sees the version in force, is refused a bad draft beside each field, saves a new version and diffs it")
    func adminWritesAVersion() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var admin = try await ConsolePostTests.signedIn(harness, client, login: "policy-admin", role: .officeAdmin, .office(code: "BZ-HR"))
            admin.language = "en"
            let empty = try await admin.get("/console/policy")
            #expect(empty.status == .ok && empty.body.contains(#"href="/console/policy/new""#))
            let first = try await admin.get("/console/policy/new")
            #expect(try await admin.post("/console/policy/new", Self.fields(first.body, ["note": "起点"])).location == "/console/policy")
            let before = try await Self.versions("BZ-HR", harness)
            let overview = try await admin.get("/console/policy")
            #expect(overview.body.contains("The version in force") && overview.body.contains("Specialty fit") && overview.body.contains("起点"))
            let editor = try await admin.get("/console/policy/new")
            #expect(editor.status == .ok && editor.body.contains(#"name="weight_specialty-fit""#))
            let bad = try await admin.post("/console/policy/new", Self.fields(editor.body, ["weight_experience": "lots", "offer_days": "99"]))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains(#"<p class="error" id="weight_experience-error">A weight is a number from 0 to 1000"#))
            #expect(bad.body.contains(#"value="lots""#), "what was typed is kept")
            let days = try await admin.post("/console/policy/new", Self.fields(editor.body, ["offer_days": "99"]))
            #expect(days.body.contains(#"<p class="error" id="offer_days-error">Give a whole number of days from 1 to 60."#))
            let native = try await admin.post("/console/policy/new",
                                              Self.fields(editor.body, ["weight_native-place": "3", "native_place_reason": ""]))
            #expect(native.body.contains(#"id="native_place_reason-error""#), "a native-place weight needs its reason")
            let outside = try await admin.post("/console/policy/new",
                                               Self.fields(editor.body, ["region_0": "110101", "floor_0": "1", "reason_0": "测试"]))
            #expect(outside.status == .unprocessableContent && outside.body.contains(#"<p class="error" id="region_0-error">"#),
                    "the store's region check lands beside the row: another province's county is refused")
            #expect(try await Self.versions("BZ-HR", harness) == before, "nothing is written while the draft has a problem")
            let saved = try await admin.post("/console/policy/new", Self.fields(editor.body, [
                "weight_experience": "2.5", "region_0": "511921", "floor_0": "1", "reason_0": "通江县是艰苦地区", "note": "通江保底一人",
            ]))
            #expect(saved.location == "/console/policy")
            #expect(try await Self.versions("BZ-HR", harness) == before + 1)
            #expect(try await harness.scalar(
                "SELECT count(*) FROM audit_log WHERE action = 'policy.create' AND actor LIKE 'staff:%:policy-admin'") == 2)
            let newest = Int(before + 1)
            #expect(try await harness.scalar(
                """
                SELECT count(*) FROM policy_region_constraints c JOIN policies p ON p.id = c.policy_id JOIN offices o ON o.id = p.office_id
                WHERE o.code = 'BZ-HR' AND p.version = \(newest) AND c.region_prefix = '511921' AND c.floor = 1 AND c.reason = '通江县是艰苦地区'
                """) == 1)
            let history = try await admin.get("/console/policy")
            #expect(history.body.contains(#"<a href="/console/policy/versions/\#(newest)">"#) && history.body.contains("通江保底一人"))
            do {
                let diff = try await admin.get("/console/policy/diff?from=\(newest - 1)&to=\(newest)")
                #expect(diff.status == .ok)
                #expect(diff.body.contains("<tr><th scope=\"row\">Experience</th>"), "the changed weight is listed")
                #expect(diff.body.contains("Floor · 511921") && diff.body.contains("通江县是艰苦地区"), "the new floor and its reason")
                #expect(!diff.body.contains("<tr><th scope=\"row\">Specialty fit</th>"), "an unchanged weight is not")
                let same = try await admin.get("/console/policy/diff?from=\(newest)&to=\(newest)")
                #expect(same.body.contains("These two versions set everything the same."))
            }
            let old = try await admin.get("/console/policy/versions/\(newest)")
            #expect(old.status == .ok && old.body.contains("通江县是艰苦地区"))
            #expect(try await admin.get("/console/policy/versions/9999").status == .notFound)
        }
    }

    @Test("an analyst reads the policy but cannot commit one; a centre's editor and another office see none of it")
    func analystReadsOnly() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var admin = try await ConsolePostTests.signedIn(harness, client, login: "policy-admin-2", role: .officeAdmin, .office(code: "BZ-HR"))
            let editor = try await admin.get("/console/policy/new")
            #expect(try await admin.post("/console/policy/new", Self.fields(editor.body, ["note": "巴中专用说明"])).location == "/console/policy")
            var analyst = try await ConsolePostTests.signedIn(harness, client, login: "policy-analyst", role: .officeAnalyst, .office(code: "BZ-HR"))
            let page = try await analyst.get("/console/policy")
            #expect(page.status == .ok && page.body.contains("巴中专用说明"), "an analyst reads every version")
            #expect(!page.body.contains(#"href="/console/policy/new""#))
            let before = try await Self.versions("BZ-HR", harness)
            #expect(try await analyst.get("/console/policy/new").status == .notFound)
            #expect(try await analyst.post("/console/policy/new", Self.fields(editor.body, ["note": "分析员"])).status == .notFound)
            #expect(try await Self.versions("BZ-HR", harness) == before, "an analyst cannot commit a policy")
            var centre = try await ConsolePostTests.signedIn(harness, client, login: "policy-centre", role: .centreEditor, .centre(code: "BZ-CENTRE"))
            #expect(try await centre.get("/console/policy").status == .notFound)
            _ = try await centre.get("/console/posts")
            #expect(try await centre.post("/console/policy/new", Self.fields(editor.body, [:])).status == .notFound)
            var other = try await ConsolePostTests.signedIn(harness, client, login: "gy-policy", role: .officeAdmin, .office(code: "GY-HR"))
            #expect(!(try await other.get("/console/policy")).body.contains("巴中专用说明"), "another office sees none of 巴中's versions")
            #expect(try await Self.versions("BZ-HR", harness) == before)
        }
    }
}
