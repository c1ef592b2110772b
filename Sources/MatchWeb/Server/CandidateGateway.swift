import Foundation
import Hummingbird
import MatchStore

/// The candidate web gateway: server-rendered pages in Chinese and English that work
/// without JavaScript. `talentmatch serve` registers it on the server's router.
public struct CandidateGateway: Sendable {
    let database: Database
    let configuration: GatewayConfiguration
    let renderer: PageRenderer
    let hasher: PasswordHasher
    let passwords: PasswordPolicy
    /// Seals and opens candidates' ID numbers (ADR 0022).
    let identityNumbers: IdentityNumberVault

    /// Loads templates, catalogues and the common-password list; fails if any is missing.
    /// The ID-number keys are required: without them the gateway could neither accept a
    /// number, find a duplicate, nor show a stored one back (ADR 0022).
    public static func make(
        database: Database, identityNumberKeys: IdentityNumberKeys, configuration: GatewayConfiguration = .init()
    ) async throws -> CandidateGateway {
        let resources = try GatewayResources.directory()
        return CandidateGateway(
            database: database, configuration: configuration, renderer: try await PageRenderer.load(),
            hasher: await PasswordHasher.make(cost: configuration.bcryptCost),
            passwords: try PasswordPolicy.load(from: resources.appendingPathComponent("common-passwords.txt")),
            identityNumbers: IdentityNumberVault(keys: identityNumberKeys)
        )
    }

    public func register(on router: Router<GatewayRequestContext>) {
        StaticRoutes().register(on: router.group("static").add(middleware: SecurityHeadersMiddleware()))
        let pages = router.group()
            .add(middleware: SecurityHeadersMiddleware())
            .add(middleware: LanguageMiddleware())
            .add(middleware: ErrorPageMiddleware(renderer: renderer))
            .add(middleware: WebSessionMiddleware(driver: PostgresPersistDriver(database: database), configuration: configuration))
        AccountRoutes(gateway: self).register(on: pages)
        SettingsRoutes(gateway: self).register(on: pages)
        ProfileRoutes(gateway: self).register(on: pages)
        PostRoutes(gateway: self).register(on: pages)
        RankingRoutes(gateway: self).register(on: pages)
        OfferRoutes(gateway: self).register(on: pages)
        DataRoutes(gateway: self).register(on: pages)
    }

    /// Where an audit entry says a change came from.
    func source(_ request: Request, _ context: GatewayRequestContext) -> String {
        "web " + clientAddress(request, context)
    }

    /// The client's address for throttling: the peer, or behind the trusted proxy the last
    /// X-Forwarded-For entry (the one the proxy appended, which the client cannot forge).
    func clientAddress(_ request: Request, _ context: GatewayRequestContext) -> String {
        if configuration.trustForwardedFor, let forwarded = request.headers[.init("X-Forwarded-For")!],
           let last = forwarded.split(separator: ",").last.map({ $0.trimmingCharacters(in: .whitespaces) }), !last.isEmpty {
            return String(last.prefix(100))
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The signed-in candidate, or a redirect to the sign-in page that comes back here.
    func requireCandidate(_ request: Request, _ context: GatewayRequestContext) throws -> Int64 {
        guard let id = context.candidateID else {
            let back = request.method == .get ? request.uri.path + (request.uri.query.map { "?" + $0 } ?? "") : "/"
            throw RedirectError(location: "/login?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        return id
    }
}

/// Thrown to send the browser elsewhere (a page that needs signing in).
struct RedirectError: HTTPResponseError {
    let location: String
    var status: HTTPResponse.Status { .seeOther }
    func response(from request: Request, context: some RequestContext) throws -> Response {
        .seeOther(location)
    }
}
