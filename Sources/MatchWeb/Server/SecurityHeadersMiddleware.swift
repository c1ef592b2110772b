import Hummingbird

/// Headers on every gateway response, pages and errors alike: it is the outermost middleware
/// of the whole router, so a 404 for an address no route knows, a 405 and a 503 carry them too.
///
/// The CSP allows only this origin's own stylesheet and script (no inline code), no plugins
/// (`object-src 'none'`) and no `<base>` (`base-uri 'none'`). Pages are personal, so they
/// are never stored by the browser or a proxy; only a response that says otherwise (the
/// static stylesheet and script) may be.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
