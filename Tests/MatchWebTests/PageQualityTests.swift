import Foundation
import Hummingbird
import HummingbirdTesting
import MatchStore
import MatchWeb
import Testing

@Suite("Page quality: size, labels, headings, catalogues")
struct PageQualityTests {
    static let messagesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/MatchWeb/Resources")

    @Test("every page, in both languages, is under 100 KB, labels every input, has one h1 and no skipped heading level")
    func pages() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            let id = try await harness.register(&browser, contact: "quality@example.cn")
            _ = try await harness.saveProfile(&browser, hukou: ["510000", "511900", "511921"])
            let post = try await harness.makeVacancy()
            _ = try await browser.get("/ranking")
            _ = try await browser.post("/ranking/add", [("vacancy", String(post))])
            _ = try await OfferFixture.make(harness, candidate: id, vacancy: post)
            let paths = ["/", "/posts", "/posts/\(post)", "/profile", "/ranking", "/offer", "/account", "/data", "/reauth"]
            for language in ["zh-CN", "en"] {
                browser.language = language
                for path in paths {
                    let page = try await browser.get(path)
                    #expect(page.status == .ok, "\(path)")
                    #expect(page.body.utf8.count < 100_000, "\(path) is \(page.body.utf8.count) bytes")
                    Self.checkLabels(page.body, path)
                    Self.checkHeadings(page.body, path)
                    #expect(page.body.contains(#"<html lang="\#(language)">"#))
                    #expect(!page.body.contains("{{"), "\(path): unrendered template")
                    #expect(page.body.firstMatch(of: /[a-z]+_[a-z_]+_(heading|label|title|text)\b/) == nil, "\(path): a raw message key")
                }
            }
            // The profile with an open specialty search and every region level still stays small.
            _ = try await browser.get("/profile")
            let busy = try await browser.post("/profile", [("action", "search"), ("specialty_q", "08"), ("current_province", "510000"),
                                                            ("current_prefecture", "511900"), ("hukou_province", "510000")])
            #expect(busy.body.utf8.count < 100_000)
        }
    }

    static func checkLabels(_ html: String, _ path: String) {
        let labelled = Set(html.matches(of: /<label for="([^"]+)"/).map { String($0.1) })
        for control in html.matches(of: /<(input|select|textarea)\b([^>]*)>/) {
            let attributes = String(control.2)
            if attributes.contains(#"type="hidden""#) || attributes.contains("aria-label=") { continue }
            guard let id = attributes.firstMatch(of: /\bid="([^"]+)"/).map({ String($0.1) }) else {
                Issue.record("\(path): a control without id: \(attributes)")
                continue
            }
            #expect(labelled.contains(id), "\(path): no label for #\(id)")
        }
        // Buttons have text.
        for button in html.matches(of: /<button[^>]*>([^<]*)<\/button>/) {
            #expect(!button.1.trimmingCharacters(in: .whitespaces).isEmpty, "\(path): an empty button")
        }
    }

    static func checkHeadings(_ html: String, _ path: String) {
        let levels = html.matches(of: /<h([1-6])\b/).compactMap { Int($0.1) }
        #expect(levels.first == 1 && levels.filter { $0 == 1 }.count == 1, "\(path): \(levels)")
        for (previous, next) in zip(levels, levels.dropFirst()) {
            #expect(next <= previous + 1, "\(path): heading h\(previous) → h\(next)")
        }
    }

    @Test("the Chinese and English catalogues have the same keys, and every key a template uses exists")
    func catalogues() throws {
        let decode = { (name: String) throws -> [String: String] in
            try JSONDecoder().decode([String: String].self, from: Data(contentsOf: Self.messagesDirectory.appendingPathComponent("messages/\(name).json")))
        }
        let chinese = try decode("zh-CN"), english = try decode("en")
        #expect(Set(chinese.keys) == Set(english.keys))
        let templates = try FileManager.default.contentsOfDirectory(atPath: Self.messagesDirectory.appendingPathComponent("templates").path)
        for name in templates {
            let text = try String(contentsOf: Self.messagesDirectory.appendingPathComponent("templates/\(name)"), encoding: .utf8)
            for key in text.matches(of: /\{\{t\.([a-z0-9_]+)\}\}/).map({ String($0.1) }) {
                #expect(chinese[key] != nil, "\(name) uses t.\(key), missing from the catalogue")
            }
            // No words in templates: outside tags and Mustache, only punctuation and spacing remain.
            let stripped = text.replacing(/\{\{[^}]*\}\}/, with: "").replacing(/<[^>]*>/, with: "")
            #expect(stripped.firstMatch(of: /[A-Za-z\p{Han}]{2,}/) == nil, "\(name) holds text: \(stripped.firstMatch(of: /[A-Za-z\p{Han}]{2,}/)?.0 ?? "")")
        }
    }

    @Test("every code of the vocabulary has a label in both catalogues")
    func vocabularyLabels() throws {
        let decode = { (name: String) throws -> [String: String] in
            try JSONDecoder().decode([String: String].self, from: Data(contentsOf: Self.messagesDirectory.appendingPathComponent("messages/\(name).json")))
        }
        let keys: [String] = EducationCode.allCases.map(\.catalogueKey) + TitleCode.allCases.map(\.catalogueKey)
            + IntroductionModeCode.allCases.flatMap { [$0.catalogueKey, $0.catalogueKey + "_explain"] }
            + ProgrammeCode.allCases.map(\.catalogueKey) + HouseholdTypeCode.allCases.map(\.catalogueKey)
            + SpecialtyFitCode.allCases.map(\.catalogueKey) + IncentiveKindCode.allCases.map(\.catalogueKey)
            + HouseholdRuleKindCode.allCases.map(\.catalogueKey) + StaffingTypeCode.allCases.map(\.catalogueKey)
            + DesignationKindCode.allCases.map(\.catalogueKey)
        for language in ["zh-CN", "en"] {
            let catalogue = try decode(language)
            for key in keys { #expect(catalogue[key] != nil, "\(language) has no label \(key)") }
        }
    }
}
