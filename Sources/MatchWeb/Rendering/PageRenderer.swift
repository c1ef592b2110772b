import Foundation
import Hummingbird
import Mustache

/// Renders Mustache templates from `Resources/templates` inside the shared layout, with the
/// reader's message catalogue as `t` and what every page needs (CSRF token, navigation,
/// the link to the other language).
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let catalogue: MessageCatalogue

    static func load() async throws -> PageRenderer {
        let resources = try GatewayResources.directory()
        let library = try await MustacheLibrary(directory: resources.appendingPathComponent("templates").path)
        let catalogue = try MessageCatalogue.load(from: resources.appendingPathComponent("messages"))
        return PageRenderer(library: library, catalogue: catalogue)
    }

    /// A full page. `titleKey` names the page's heading in the catalogue.
    func page(
        _ template: String, titleKey: String, data: [String: Any] = [:], context: GatewayRequestContext,
        request: Request, status: HTTPResponse.Status = .ok
    ) -> Response {
        let language = context.language
        var values = data
        values["t"] = catalogue.table(language)
        values["lang"] = language.htmlTag
        values["page_title"] = data["heading"] as? String ?? catalogue.text(titleKey, language)
        values["csrf"] = context.session?.current.csrf ?? ""
        values["signed_in"] = context.candidateID != nil
        let other: Language = language == .zhCN ? .en : .zhCN
        values["other_lang"] = other.rawValue
        values["other_lang_name"] = catalogue.text("language_name", other)
        let here = Self.safePath(request.uri.path + (request.method == .get ? Self.querySuffix(request) : ""))
        values["here"] = here.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        let html = library.render(Self.withoutEmptyStrings(values), withTemplate: template) ?? "template \(template) missing"
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

    private static func querySuffix(_ request: Request) -> String {
        guard let query = request.uri.query, !query.isEmpty else { return "" }
        return "?" + query
    }

    /// A local path to return to: never another site (`//host`), never a scheme.
    static func safePath(_ path: String) -> String {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\") else { return "/" }
        return path
    }
}

struct GatewaySetupError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

extension Response {
    /// 303 See Other: after a POST, the browser GETs the target (no resubmission on reload).
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: PageRenderer.safePath(location)])
    }
}
