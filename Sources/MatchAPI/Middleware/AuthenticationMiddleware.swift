import Hummingbird
import MatchStore

/// Bearer authentication for every route except the public ops routes. The principal is put
/// in `RequestInfo` for the handlers; a missing, unknown, expired or revoked token is a 401
/// problem with a `WWW-Authenticate` challenge (RFC 6750).
struct AuthenticationMiddleware<Context: RequestContext>: RouterMiddleware {
    let tokens: TokenStore

    /// The routes anyone may call: liveness, readiness, metrics and the contract itself.
    static var publicPaths: Set<String> { ["/health", "/ready", "/metrics", "/api/v1/openapi.yaml"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !Self.publicPaths.contains(request.uri.path) else { return try await next(request, context) }
        guard let header = request.headers[.authorization] else {
            throw Problem(.unauthorized, "send an Authorization: Bearer <token> header", headers: [.wwwAuthenticate: "Bearer"])
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Problem(.unauthorized, "the Authorization header must be 'Bearer <token>'",
                          headers: [.wwwAuthenticate: "Bearer error=\"invalid_request\""])
        }
        let principal = try await tokens.authenticate(String(parts[1]).trimmingCharacters(in: .whitespaces))
        var info = RequestInfo.current
        info.principal = principal
        info.logger[metadataKey: "token_id"] = .stringConvertible(principal.tokenID)
        return try await RequestInfo.$current.withValue(info) { try await next(request, context) }
    }
}
