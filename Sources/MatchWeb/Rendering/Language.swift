import Hummingbird

/// The gateway's languages: Chinese by default, English one click away.
enum Language: String, Sendable, CaseIterable {
    case zhCN = "zh-CN"
    case en

    static let cookieName = "lang"

    /// The cookie first, then the best match in Accept-Language, then Chinese.
    static func negotiate(cookie: String?, acceptLanguage: String?) -> Language {
        if let cookie, let chosen = Language(rawValue: cookie) { return chosen }
        guard let acceptLanguage else { return .zhCN }
        let ranked = acceptLanguage.split(separator: ",").compactMap { part -> (tag: String, q: Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { return nil }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, q)
        }
        for (tag, q) in ranked.sorted(by: { $0.q > $1.q }) where q > 0 {
            if tag.hasPrefix("zh") { return .zhCN }
            if tag.hasPrefix("en") { return .en }
        }
        return .zhCN
    }

    var htmlTag: String { rawValue }
}

/// Picks the language for every gateway request.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.language = Language.negotiate(
            cookie: request.cookies[Language.cookieName]?.value, acceptLanguage: request.headers[.acceptLanguage]
        )
        var response = try await next(request, context)
        response.headers[values: .vary].append("Cookie, Accept-Language")
        return response
    }
}
