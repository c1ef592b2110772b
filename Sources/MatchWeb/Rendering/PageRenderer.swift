import Foundation
import Hummingbird
import Mustache

/// Renders Mustache templates from `Resources/templates` inside the shared layout, with the
/// reader's message catalogue as `t` and what every page needs (CSRF token, navigation,
/// the link to the other language).
///
/// Templates are compiled once at start-up; the catalogue tables are prepared once per
/// language, so a page view only fills in its own values.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let catalogue: MessageCatalogue
    /// Templates that hold a form of their own, so that a visitor needs a CSRF token to see
    /// them; on other pages a visitor gets none (and so no CSRF cookie).
    let formTemplates: Set<String>
    private let tables: [Language: [String: String]]

    init(library: MustacheLibrary, catalogue: MessageCatalogue, formTemplates: Set<String>) {
        self.library = library
        self.catalogue = catalogue
        self.formTemplates = formTemplates
        tables = Dictionary(uniqueKeysWithValues: Language.allCases.map { language in
            (language, catalogue.table(language).filter { !$0.value.isEmpty })
        })
    }

    static func load() async throws -> PageRenderer {
        let resources = try GatewayResources.directory()
        let folder = resources.appendingPathComponent("templates")
        let library = try await MustacheLibrary(directory: folder.path)
        let catalogue = try MessageCatalogue.load(from: resources.appendingPathComponent("messages"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") && $0 != "layout.mustache" }
        let forms = try names.filter { name in
            try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).contains(#"name="_csrf""#)
        }
        return PageRenderer(library: library, catalogue: catalogue, formTemplates: Set(forms.map { String($0.dropLast(".mustache".count)) }))
    }

    /// A full page. `titleKey` names the page's heading in the catalogue.
    func page(
        _ template: String, titleKey: String, data: [String: Any] = [:], context: GatewayRequestContext,
        request: Request, status: HTTPResponse.Status = .ok
    ) -> Response {
        let language = context.language
        var values = Self.withoutEmptyStrings(data) as? [String: Any] ?? [:]
        values["lang"] = language.htmlTag
        values["page_title"] = data["heading"] as? String ?? catalogue.text(titleKey, language)
        let signedIn = context.candidateID != nil
        if signedIn || formTemplates.contains(template), let token = context.session?.csrfToken() {
            values["csrf"] = token
        }
        values["signed_in"] = signedIn
        let other: Language = language == .zhCN ? .en : .zhCN
        values["other_lang"] = other.rawValue
        values["other_lang_name"] = catalogue.text("language_name", other)
        let here = SafeRedirect.path(request.uri.path + (request.method == .get ? Self.querySuffix(request) : ""))
        values["here"] = here.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        values["t"] = tables[language] ?? [:]
        let html = library.render(values, withTemplate: template) ?? "template \(template) missing"
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
        response.headers[.contentLanguage] = language.htmlTag
        return response
    }

    /// Mustache treats "" as true in a section, so `{{#note}} — {{note}}{{/note}}` would print a
    /// dash for every empty note; absent values are false. Empty strings are removed, deeply.
    static func withoutEmptyStrings(_ value: Any) -> Any {
        switch value {
        case let dictionary as [String: Any]:
            return dictionary.filter { !(($0.value as? String)?.isEmpty ?? false) }.mapValues(withoutEmptyStrings)
        case let array as [[String: Any]]:
            return array.map { withoutEmptyStrings($0) }
        case let array as [Any]:
            return array.filter { !(($0 as? String)?.isEmpty ?? false) }.map(withoutEmptyStrings)
        default:
            return value
        }
    }

    func text(_ key: String, _ context: GatewayRequestContext, _ arguments: [String: String] = [:]) -> String {
        catalogue.text(key, context.language, arguments)
    }

    /// Items joined as the reader's language joins a list ("、" in Chinese, ", " in English).
    func list(_ items: [String], _ context: GatewayRequestContext) -> String {
        items.joined(separator: catalogue.text("list_separator", context.language))
    }

    private static func querySuffix(_ request: Request) -> String {
        guard let query = request.uri.query, !query.isEmpty else { return "" }
        return "?" + query
    }
}

struct GatewaySetupError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

extension Response {
    /// 303 See Other: after a POST, the browser GETs the target (no resubmission on reload).
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: SafeRedirect.path(location)])
    }
}
