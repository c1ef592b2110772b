import Hummingbird
import Logging
import MatchStore
import OpenAPIHummingbird
import OpenAPIRuntime

/// Builds the API router: the middleware chain, then every operation of `openapi.yaml`
/// through the generated `registerHandlers`. Nothing else is routed, which the contract test
/// checks against the YAML.
///
/// Middleware, outermost first: request id and problem rendering, metrics by route, body
/// size limit, bearer authentication, idempotency, audit of accepted writes.
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
    public init(database: Database, trustedDatabase: Database, migrations: [Migration], limits: Limits = Limits()) {
        self.api = TalentMatchAPI(database: database, trustedDatabase: trustedDatabase, migrations: migrations)
        self.limits = limits
    }

    public func makeRouter() throws -> Router<APIRequestContext> {
        MetricsSetup.bootstrap()
        DatabaseMetrics.recordPoolSize(api.database)
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: BodyLimitMiddleware(jsonLimit: limits.jsonBytes, csvLimit: limits.csvBytes))
        router.add(middleware: AuthenticationMiddleware(tokens: TokenStore(database: api.database)))
        router.add(middleware: IdempotencyMiddleware(store: IdempotencyStore(database: api.database)))
        router.add(middleware: AuditMiddleware(database: api.database))
        try api.registerHandlers(on: router, middlewares: [AttachmentHeaderMiddleware()])
        return router
    }
}
