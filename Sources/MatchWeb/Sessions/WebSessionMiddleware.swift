import Foundation
import Hummingbird
import HummingbirdAuth

/// Loads the signed-in session named by the browser's cookie, enforces the idle and absolute
/// timeouts, checks the CSRF token of every POST, and stores the session after the handler.
///
/// Only a sign-in creates a session (ADR 0025): a visitor's page views write nothing, and
/// its forms carry a stateless token (`AnonymousCSRF`). Sessions live in PostgreSQL behind
/// `PostgresPersistDriver`. The cookie is HttpOnly, SameSite=Lax, and (in production) Secure
/// with the `__Host-` prefix; the token is 256 random bits, new at every sign-in. The idle
/// timeout slides with activity, written back at most once a minute per session
/// (`SessionCookies`).
struct WebSessionMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let cookies: SessionCookies<WebSession>

    init(driver: PostgresPersistDriver, configuration: GatewayConfiguration, anonymousCSRF: AnonymousCSRF) {
        cookies = SessionCookies(driver: driver, configuration: configuration, anonymousCSRF: anonymousCSRF,
                                 sessionCookie: configuration.sessionCookieName, nonceCookie: configuration.csrfCookieName, sameSite: .lax)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // (Sessions stored before issue 13 may hold no candidate: an anonymous visitor's.)
        let (handle, staleCookie) = try await cookies.load(request) { $0.candidate != nil }
        context.session = handle
        if request.method == .post {
            guard let sent = context.form.raw("_csrf"), handle.accepts(csrf: sent) else {
                throw HTTPError(.forbidden, message: "missing or wrong CSRF token")
            }
        }
        var response = try await next(request, context)
        try await cookies.store(handle, staleCookie: staleCookie, into: &response)
        return response
    }
}
