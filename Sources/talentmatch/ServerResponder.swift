import Hummingbird
import Logging
import NIOCore
import MatchAPI
import MatchStore
import MatchWeb

/// One HTTP server for both audiences: the API (its own request context, tokens, problem
/// documents, metrics) and the candidate gateway (sessions, CSRF, pages). Each keeps its own
/// router and context type; this responder only picks one by path, before either runs.
///
/// It also keeps a request from waiting on a database that is away (ADR 0026): while the
/// monitor says so, everything that needs the database gets 503 with Retry-After at once
/// (our page, or a problem document), and a request already running when the database goes
/// gets it the moment the monitor notices. Liveness, metrics, the contract and static files
/// need no database and are always served.
struct ServerResponder: HTTPResponder {
    /// The connection's source, kept so the chosen side builds its own context from it.
    struct Context: RequestContext {
        var coreContext: CoreRequestContextStorage
        // The source's parts: the source type itself is not Sendable, its parts are.
        let channel: any Channel
        let connectionLogger: Logger

        init(source: ApplicationRequestContextSource) {
            coreContext = .init(source: source)
            channel = source.channel
            connectionLogger = source.logger
        }

        var source: ApplicationRequestContextSource { .init(channel: channel, logger: connectionLogger) }
    }

    let api: RouterResponder<APIRequestContext>
    let gateway: RouterResponder<GatewayRequestContext>
    let availability: DatabaseAvailability
    let apiUnavailable: any HTTPResponder<APIRequestContext>
    let gatewayUnavailable: any HTTPResponder<GatewayRequestContext>

    /// The API owns `/api/…` and the operations endpoints its contract lists.
    static func isAPI(_ path: String) -> Bool {
        path.hasPrefix("/api/") || ["/health", "/ready", "/metrics"].contains(path)
    }

    /// Paths answered without the database (`/ready` asks the monitor itself).
    static func needsNoDatabase(_ path: String) -> Bool {
        ["/health", "/ready", "/metrics", "/api/v1/openapi.yaml"].contains(path) || path.hasPrefix("/static/")
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if Self.isAPI(path) {
            let apiContext = APIRequestContext(source: context.source)
            guard !Self.needsNoDatabase(path) else { return try await api.respond(to: request, context: apiContext) }
            return try await guarded(request, apiContext, api, otherwise: apiUnavailable)
        }
        let gatewayContext = GatewayRequestContext(source: context.source)
        guard !Self.needsNoDatabase(path) else { return try await gateway.respond(to: request, context: gatewayContext) }
        return try await guarded(request, gatewayContext, gateway, otherwise: gatewayUnavailable)
    }

    private func guarded<SideContext: RequestContext>(
        _ request: Request, _ context: SideContext, _ responder: some HTTPResponder<SideContext>,
        otherwise unavailable: any HTTPResponder<SideContext>
    ) async throws -> Response {
        do {
            return try await availability.failFast { try await responder.respond(to: request, context: context) }
        } catch is DatabaseUnavailable {
            return try await unavailable.respond(to: request, context: context)
        }
    }
}
