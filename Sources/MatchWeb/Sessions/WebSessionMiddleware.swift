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
/// timeout slides with activity, written back at most once a minute per session.
struct WebSessionMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    /// How far the idle expiry must have moved before it is written back.
    static let slideStep: Double = 60

    let driver: PostgresPersistDriver
    let configuration: GatewayConfiguration
    let anonymousCSRF: AnonymousCSRF

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let (handle, staleCookie) = try await load(request)
        context.session = handle
        if request.method == .post {
            guard let sent = context.form.raw("_csrf"), handle.accepts(csrf: sent) else {
                throw HTTPError(.forbidden, message: "missing or wrong CSRF token")
            }
        }
        var response = try await next(request, context)
        try await store(handle, staleCookie: staleCookie, into: &response)
        return response
    }

    /// The stored session if the cookie names one within both timeouts; otherwise a visitor's
    /// handle (and whether the browser holds a cookie that names nothing any more).
    private func load(_ request: Request) async throws -> (SessionHandle, stale: Bool) {
        let nonce = request.cookies[configuration.csrfCookieName]?.value
        let visitor = SessionHandle(session: nil, key: nil, nonce: nonce, anonymousCSRF: anonymousCSRF)
        guard let key = request.cookies[configuration.sessionCookieName]?.value, !key.isEmpty else { return (visitor, false) }
        let found: (object: WebSession, ttl: Duration?)?
        do {
            found = try await driver.getWithTTL(key: key, as: WebSession.self)
        } catch let error as PersistError where error == .invalidConversion {
            found = nil
        }
        guard let (session, ttl) = found, session.candidate != nil else { return (visitor, true) }
        if Date().timeIntervalSince(session.created) >= configuration.absoluteTimeout.seconds {
            try await driver.remove(key: key)
            return (visitor, true)
        }
        return (SessionHandle(session: session, key: key, secondsLeft: ttl?.seconds, nonce: nonce, anonymousCSRF: anonymousCSRF), false)
    }

    private func store(_ handle: SessionHandle, staleCookie: Bool, into response: inout Response) async throws {
        let state = handle.snapshot
        for retired in state.retired {
            try await driver.remove(key: retired)
        }
        if let session = state.session {
            let left = configuration.absoluteTimeout.seconds - Date().timeIntervalSince(session.created)
            let idle = max(1, min(configuration.idleTimeout.seconds, left))
            if let key = state.key {
                // The idle timeout slides with activity, never past the absolute one.
                if state.changed || idle - (state.secondsLeft ?? 0) >= Self.slideStep {
                    try await driver.set(key: key, value: session, expires: .milliseconds(Int64(idle * 1000)))
                }
            } else {
                // A new token: the row lives until the idle limit, the cookie until the absolute one.
                let key = WebSession.randomToken()
                try await driver.create(key: key, value: session, expires: .milliseconds(Int64(idle * 1000)))
                response.setCookie(cookie(configuration.sessionCookieName, key, maxAge: Int(max(1, left))))
            }
        } else if staleCookie || !state.retired.isEmpty {
            response.setCookie(cookie(configuration.sessionCookieName, "", maxAge: 0))
        }
        if state.nonceIsNew, let nonce = state.nonce {
            response.setCookie(cookie(configuration.csrfCookieName, nonce, maxAge: Int(configuration.absoluteTimeout.seconds)))
        }
    }

    private func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
