import Foundation
import HummingbirdTesting
import MatchLocal
@testable import MatchStore
@testable import MatchWeb
import Testing

/// A centre editor's forms for a new post and for changing one: the API's rules, each error
/// beside its field in the person's language, what they typed kept, and nothing written until
/// the whole form is right. Nobody else reaches the forms.
@Suite("The staff console's post forms")
struct ConsolePostFormTests {
    static let valid: [(String, String)] = [
        ("external_id", "FORM-1"), ("title", "通江县乡村医生"), ("description", "负责村卫生室的日常诊疗。"),
        ("region_code", "511921"), ("seats", "2"), ("target", ""), ("staffing_type", "institution"),
        ("min_education", "associate"), ("min_title", "none"), ("min_experience_years", "0"),
        ("accepted_modes", "full_transfer"), ("accepted_modes", "remote"), ("service_years", "3"),
        ("specialties", ""), ("incentives", "housing:20000:两年住房"),
        ("household_rules", "registered_within:511900:巴中市定向招录公告第三条"),
    ]

    static func replacing(_ changes: [String: String], in fields: [(String, String)]) -> [(String, String)] {
        fields.map { name, value in (name, changes[name] ?? value) }
    }

    @Test("a bad form shows each error beside its field, keeps what was typed and writes nothing; a good one creates a draft")
    func create() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var browser = try await ConsolePostTests.signedIn(harness, client, login: "form-editor", role: .centreEditor, .centre(code: "BZ-CENTRE"))
            browser.language = "en"
            let list = try await browser.get("/console/posts")
            #expect(list.body.contains(#"href="/console/posts/new""#))
            let form = try await browser.get("/console/posts/new")
            #expect(form.status == .ok && form.body.contains(#"<form method="post" action="/console/posts/new""#))
            let before = try await harness.scalar("SELECT count(*) FROM vacancies")
            let bad = Self.replacing(["seats": "many", "title": "", "household_rules": "registered_within:511900:", "min_title": "guru"],
                                     in: Self.valid)
            let refused = try await browser.post("/console/posts/new", bad)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains(#"<p class="error" id="seats-error">Seats must be a whole number from 1 to 10000"#))
            #expect(refused.body.contains(#"<p class="error" id="title-error">Give a title"#))
            #expect(refused.body.contains(#"<p class="error" id="household_rules-error">Write each limit"#))
            #expect(refused.body.contains(#"<p class="error" id="min_title-error">"#), "an unknown code is named at its field")
            #expect(!refused.body.contains(#"id="region_code-error""#), "a good field has no error")
            #expect(refused.body.contains(#"value="many""#) && refused.body.contains(#"value="FORM-1""#), "what was typed is kept")
            #expect(refused.body.contains(#"id="mode-remote" name="accepted_modes" value="remote" checked"#), "ticked modes stay ticked")
            #expect(refused.body.contains("两年住房"), "list fields keep their text")
            #expect(try await harness.scalar("SELECT count(*) FROM vacancies") == before, "nothing is written")
            let stored = try await browser.post("/console/posts/new", Self.replacing(["region_code": "999999"], in: Self.valid))
            #expect(stored.status == .unprocessableContent && stored.body.contains(#"id="region_code-error""#),
                    "the store's reference checks (a region outside the table or the centre) land beside the field too")
            #expect(try await harness.scalar("SELECT count(*) FROM vacancies") == before)
            let created = try await browser.post("/console/posts/new", Self.valid)
            let id = try await ConsolePostTests.post("FORM-1", harness)
            #expect(created.location == "/console/posts/\(id)")
            #expect(try await harness.scalar(
                "SELECT count(*) FROM vacancies v JOIN centres c ON c.id = v.centre_id WHERE v.id = \(id) AND c.code = 'BZ-CENTRE' AND v.status = 'draft' AND v.seats = 2") == 1)
            #expect(try await harness.scalar("SELECT count(*) FROM vacancy_household_rules WHERE vacancy_id = \(id)") == 1)
            #expect(try await harness.scalar(
                "SELECT count(*) FROM audit_log WHERE action = 'vacancy.create' AND subject = 'vacancy:\(id)' AND actor LIKE 'staff:%:form-editor'") == 1)
            let again = try await browser.post("/console/posts/new", Self.valid)
            #expect(again.status == .unprocessableContent && again.body.contains(#"id="external_id-error""#),
                    "a reference already used by this centre is refused beside its field")
        }
    }

    @Test("the edit form starts from the stored post; a bad change is refused in Chinese and changes nothing; a good one is saved")
    func edit() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var browser = try await ConsolePostTests.signedIn(harness, client, login: "form-editor-2", role: .centreEditor, .centre(code: "BZ-CENTRE"))
            browser.language = "zh-CN"
            let id = try await ConsolePostTests.post("BZ-2026-004", harness)
            let title = try await harness.scalar("SELECT title FROM vacancies WHERE id = \(id)", as: String.self)
            let page = try await browser.get("/console/posts/\(id)")
            #expect(page.body.contains(#"href="/console/posts/\#(id)/edit""#))
            let form = try await browser.get("/console/posts/\(id)/edit")
            #expect(form.status == .ok && form.body.contains(#"value="BZ-2026-004""#) && form.body.contains(title))
            var fields = Self.valid
            fields = Self.replacing(["external_id": "BZ-2026-004", "title": "改过的名称", "seats": "2", "target": "5"], in: fields)
            let refused = try await browser.post("/console/posts/\(id)/edit", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains(#"<p class="error" id="target-error">目标人数须为 0 到岗位数之间的整数"#))
            #expect(try await harness.scalar("SELECT title FROM vacancies WHERE id = \(id)", as: String.self) == title, "nothing is written")
            let saved = try await browser.post("/console/posts/\(id)/edit", Self.replacing(["target": "1"], in: fields))
            #expect(saved.location == "/console/posts/\(id)")
            #expect(try await harness.scalar("SELECT title FROM vacancies WHERE id = \(id)", as: String.self) == "改过的名称")
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log WHERE action = 'vacancy.update' AND subject = 'vacancy:\(id)'") == 1)
        }
    }

    @Test("an office analyst, and another centre's editor, find no form: 404, and nothing is written")
    func access() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var analyst = try await ConsolePostTests.signedIn(harness, client, login: "form-analyst", role: .officeAnalyst, .office(code: "BZ-HR"))
            let ours = try await ConsolePostTests.post("BZ-2026-004", harness)
            #expect(try await analyst.get("/console/posts/new").status == .notFound)
            #expect(!(try await analyst.get("/console/posts")).body.contains(#"href="/console/posts/new""#))
            #expect(try await analyst.post("/console/posts/new", Self.valid).status == .notFound)
            #expect(try await analyst.get("/console/posts/\(ours)/edit").status == .notFound)
            #expect(try await analyst.post("/console/posts/\(ours)/edit", Self.valid).status == .notFound)
            var other = try await ConsolePostTests.signedIn(harness, client, login: "tj-form-editor", role: .centreEditor, .centre(code: "TJ-CENTRE"))
            #expect(try await other.get("/console/posts/\(ours)/edit").status == .notFound, "another centre's post is 404")
            _ = try await other.get("/console/posts/new")
            #expect(try await other.post("/console/posts/\(ours)/edit", Self.valid).status == .notFound)
            #expect(try await harness.scalar("SELECT count(*) FROM vacancies WHERE external_id = 'FORM-1'") == 0)
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log WHERE action IN ('vacancy.create', 'vacancy.update')") == 0)
        }
    }
}
