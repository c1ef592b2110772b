import Hummingbird
import Logging
import NIOCore
import MatchAPI
import MatchWeb

/// One HTTP server for both audiences: the API (its own request context, tokens, problem
/// documents, metrics) and the candidate gateway (sessions, CSRF, pages). Each keeps its own
/// router and context type; this responder only picks one by path, before either runs.
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

    /// The API owns `/api/…` and the operations endpoints its contract lists.
    static func isAPI(_ path: String) -> Bool {
        path.hasPrefix("/api/") || ["/health", "/ready", "/metrics"].contains(path)
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        if Self.isAPI(request.uri.path) {
            return try await api.respond(to: request, context: APIRequestContext(source: context.source))
        }
        return try await gateway.respond(to: request, context: GatewayRequestContext(source: context.source))
    }
}
