import Hummingbird
import Logging
import MatchStore
import OpenAPIHummingbird
import OpenAPIRuntime

/// Builds the API router: the middleware chain, then every operation of `openapi.yaml`
/// through the generated `registerHandlers`. Nothing else is routed, which the contract test
/// checks against the YAML.
///
/// Middleware, outermost first: the security headers, request id and problem rendering, 405
/// for undeclared methods, metrics by route, body size limit, bearer authentication, the
/// JSON check (no null, no control characters), idempotency, audit of accepted writes.
public struct TalentMatchServer: Sendable {
    /// Request body limits: JSON bodies, and CSV imports (100,000 posts fit comfortably).
    public struct Limits: Sendable {
        public var jsonBytes: Int
        public var csvBytes: Int

        public init(jsonBytes: Int = 1 << 20, csvBytes: Int = 64 << 20) {
            self.jsonBytes = jsonBytes
            self.csvBytes = csvBytes
        }
    }

    let api: TalentMatchAPI
    let limits: Limits

    /// - Parameters:
    ///   - database: the API's pool, as the application role with `sessionScope: .perTransaction`,
    ///     so that every query runs under the caller's row-level security.
    ///   - trustedDatabase: a pool with the system scope, used only for what-if dry runs,
    ///     which read the whole market of an office the handler has already authorised.
    ///   - availability: what `serve` knows of the database, so that `/ready` says 503 at once
    ///     while it is away.
    public init(
        database: Database, trustedDatabase: Database, migrations: [Migration], limits: Limits = Limits(),
        availability: DatabaseAvailability? = nil
    ) {
        self.api = TalentMatchAPI(database: database, trustedDatabase: trustedDatabase, migrations: migrations, availability: availability)
        self.limits = limits
    }

    public func makeRouter() throws -> Router<APIRequestContext> {
        MetricsSetup.bootstrap()
        DatabaseMetrics.recordPoolSize(api.database)
        let operations = RouteTable()
        try api.registerHandlers(on: operations)
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: APIHeadersMiddleware())
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: MethodNotAllowedMiddleware(routes: operations.routes))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: BodyLimitMiddleware(jsonLimit: limits.jsonBytes, csvLimit: limits.csvBytes))
        router.add(middleware: AuthenticationMiddleware(tokens: TokenStore(database: api.database)))
        router.add(middleware: JSONInputMiddleware())
        router.add(middleware: IdempotencyMiddleware(store: IdempotencyStore(database: api.database)))
        router.add(middleware: AuditMiddleware(database: api.database))
        try api.registerHandlers(on: router, middlewares: [AttachmentHeaderMiddleware()])
        return router
    }

    /// A 503 problem with Retry-After and the API's headers, for every request that arrives
    /// while the database is away (`serve` answers it without the routes).
    public static func makeUnavailableResponder(retryAfterSeconds: Int) -> some HTTPResponder<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: APIHeadersMiddleware())
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: UnavailableMiddleware(retryAfterSeconds: retryAfterSeconds))
        return router.buildResponder()
    }
}

/// Answers every request with `DatabaseUnavailable`.
private struct UnavailableMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let retryAfterSeconds: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        throw DatabaseUnavailable(reason: "", retryAfterSeconds: retryAfterSeconds)
    }
}
