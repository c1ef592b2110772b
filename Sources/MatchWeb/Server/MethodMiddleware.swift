import Hummingbird

/// The gateway uses GET (HEAD) and POST only; TRACE, PUT, DELETE, OPTIONS, PATCH and any
/// other method is 405 with `Allow`, on every path, known or not (issue 13: TRACE was 404).
struct MethodMiddleware<Context: RequestContext>: RouterMiddleware {
    static var allowed: [HTTPRequest.Method] { [.get, .head, .post] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.allowed.contains(request.method) else {
            throw HTTPError(.methodNotAllowed, headers: [.allow: Self.allowed.map(\.rawValue).joined(separator: ", ")])
        }
        return try await next(request, context)
    }
}
