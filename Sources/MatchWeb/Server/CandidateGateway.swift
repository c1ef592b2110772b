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
    let anonymousCSRF: AnonymousCSRF
    /// Open posts as candidates browse them, read once per change (`PostCatalogueCache`).
    let catalogue: PostCatalogueCache

    /// Loads templates, catalogues and the common-password list; fails if any is missing.
    /// The ID-number keys are required: without them the gateway could neither accept a
    /// number, find a duplicate, nor show a stored one back (ADR 0022); visitors' CSRF tokens
    /// are signed with a key derived from them (ADR 0025).
    public static func make(
        database: Database, identityNumberKeys: IdentityNumberKeys, configuration: GatewayConfiguration = .init()
    ) async throws -> CandidateGateway {
        let resources = try GatewayResources.directory()
        return CandidateGateway(
            database: database, configuration: configuration, renderer: try await PageRenderer.load(),
            hasher: await PasswordHasher.make(cost: configuration.bcryptCost),
            passwords: try PasswordPolicy.load(from: resources.appendingPathComponent("common-passwords.txt")),
            identityNumbers: IdentityNumberVault(keys: identityNumberKeys),
            anonymousCSRF: AnonymousCSRF(identityNumberKeys: identityNumberKeys),
            catalogue: PostCatalogueCache(
                catalogue: PostCatalogue(database: database), lookup: ReferenceLookup(database: database), recheck: configuration.catalogueRecheck)
        )
    }

    /// Every route, and our middleware on the whole router, so that an address no route
    /// matches, and a method the gateway does not use, get our page with our headers too.
    /// Static files are registered before the middleware that needs the database.
    public func register(on router: Router<GatewayRequestContext>, console: StaffConsole? = nil) {
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: LanguageMiddleware())
        router.add(middleware: ErrorPageMiddleware(renderer: renderer))
        router.add(middleware: MethodMiddleware())
        StaticRoutes().register(on: router.group("static"))
        router.add(middleware: RequestInputMiddleware())
        // The console has its own session and CSRF token, so it is registered before the
        // candidates' session middleware (which would check its forms against the wrong one).
        console?.register(on: router.group("console"))
        router.add(middleware: WebSessionMiddleware(
            driver: PostgresPersistDriver(database: database), configuration: configuration, anonymousCSRF: anonymousCSRF))
        let pages = router.group()
        AccountRoutes(gateway: self).register(on: pages)
        VerificationRoutes(gateway: self).register(on: pages)
        ResetRoutes(gateway: self).register(on: pages)
        SettingsRoutes(gateway: self).register(on: pages)
        MessageSettingsRoutes(gateway: self).register(on: pages)
        ProfileRoutes(gateway: self).register(on: pages)
        PostRoutes(gateway: self).register(on: pages)
        RankingRoutes(gateway: self).register(on: pages)
        CoupleRoutes(gateway: self).register(on: pages)
        JointListRoutes(gateway: self).register(on: pages)
        OfferRoutes(gateway: self).register(on: pages)
        NightRoutes(gateway: self).register(on: pages)
        DataRoutes(gateway: self).register(on: pages)
    }

    /// Answers every request with our 503 page in the reader's language, with Retry-After and
    /// our headers: what `serve` sends while the database is away, without the routes.
    public func makeUnavailableResponder(retryAfterSeconds: Int) -> some HTTPResponder<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: LanguageMiddleware())
        router.add(middleware: ErrorPageMiddleware(renderer: renderer))
        router.add(middleware: UnavailableMiddleware(retryAfterSeconds: retryAfterSeconds))
        return router.buildResponder()
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

/// Answers every request with `DatabaseUnavailable`, for `unavailablePage`.
private struct UnavailableMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let retryAfterSeconds: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        throw DatabaseUnavailable(reason: "", retryAfterSeconds: retryAfterSeconds)
    }
}
