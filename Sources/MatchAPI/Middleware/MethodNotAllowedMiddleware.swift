import Hummingbird

/// A method the contract does not declare for a path it does declare is 405 with `Allow`
/// (issue 13: TRACE was 404); a path it does not declare is left to the router's 404.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: [RouteTable.Route]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let allowed = RouteTable.methods(for: request.uri.path, in: routes)
        guard allowed.isEmpty || allowed.contains(request.method) else {
            throw Problem(.methodNotAllowed, "\(request.uri.path) accepts \(allowed.map(\.rawValue).joined(separator: ", ")) only",
                          headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
        }
        return try await next(request, context)
    }
}
