import Hummingbird

/// Headers on every API response, answers and problems alike (issue 13: error responses had
/// none): nothing is sniffed, framed or stored, since every answer is for one token's eyes.
/// Outermost, so that even a problem rendered by `RequestIDMiddleware` carries them.
struct APIHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
