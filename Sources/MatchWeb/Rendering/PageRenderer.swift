import Foundation
import Hummingbird
import Mustache

/// Renders Mustache templates from `Resources/templates` inside the shared layout, in the
/// reader's language, with what every page needs (CSRF token, navigation, the link to the
/// other language).
///
/// Templates name their words as `{{t.key}}`. Those are filled in from the message catalogue
/// once, when the templates are loaded, into one compiled set of templates per language: a
/// page view renders only its own values. (Looking each word up in a `t` dictionary on every
/// view was most of the cost of a page: Mustache resolves a dotted name through its context
/// stack with dynamic casts, and escapes the text again each time; docs/performance.md.)
struct PageRenderer: Sendable {
    let libraries: [Language: MustacheLibrary]
    let catalogue: MessageCatalogue
    /// Templates that hold a form of their own, so that a visitor needs a CSRF token to see
    /// them; on other pages a visitor gets none (and so no CSRF cookie).
    let formTemplates: Set<String>

    static func load() async throws -> PageRenderer {
        let resources = try GatewayResources.directory()
        let folder = resources.appendingPathComponent("templates")
        let catalogue = try MessageCatalogue.load(from: resources.appendingPathComponent("messages"))
        var sources: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            sources[String(file.dropLast(".mustache".count))] = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        }
        var libraries: [Language: MustacheLibrary] = [:]
        for language in Language.allCases {
            var library = MustacheLibrary()
            for (name, source) in sources {
                library.register(try MustacheTemplate(string: Self.localised(source, catalogue.table(language))), named: name)
            }
            libraries[language] = library
        }
        let forms = sources.filter { $0.key != "layout" && $0.value.contains(#"name="_csrf""#) }.keys
        return PageRenderer(libraries: libraries, catalogue: catalogue, formTemplates: Set(forms))
    }

    /// The template with every `{{t.key}}` replaced by the catalogue's text, escaped as
    /// Mustache would have escaped it; a key the catalogue lacks stays visible as itself.
    static func localised(_ source: String, _ table: [String: String]) -> String {
        source.replacing(/\{\{t\.([a-z0-9_]+)\}\}/) { match in
            htmlEscaped(table[String(match.1)] ?? String(match.1))
        }
    }

    static func htmlEscaped(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A full page. `titleKey` names the page's heading in the catalogue.
    func page(
        _ template: String, titleKey: String, data: [String: Any] = [:], context: GatewayRequestContext,
        request: Request, status: HTTPResponse.Status = .ok
    ) -> Response {
        let language = context.language
        var values = Self.withoutEmptyStrings(data) as? [String: Any] ?? [:]
        values["page_title"] = data["heading"] as? String ?? catalogue.text(titleKey, language)
        let signedIn = context.candidateID != nil
        if signedIn || formTemplates.contains(template), let token = context.session?.csrfToken() {
            values["csrf"] = token
        }
        values["signed_in"] = signedIn
        return render(template, values: values, request: request, language: language, status: status)
    }

    /// Renders `template` with `values` and what every layout needs (the language, the link
    /// to the other language and back here).
    func render(
        _ template: String, values: [String: Any], request: Request, language: Language, status: HTTPResponse.Status
    ) -> Response {
        var values = values
        values["lang"] = language.htmlTag
        let other: Language = language == .zhCN ? .en : .zhCN
        values["other_lang"] = other.rawValue
        values["other_lang_name"] = catalogue.text("language_name", other)
        let here = SafeRedirect.path(request.uri.path + (request.method == .get ? Self.querySuffix(request) : ""))
        values["here"] = here.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        let html = libraries[language]?.render(values, withTemplate: template) ?? "template \(template) missing"
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
