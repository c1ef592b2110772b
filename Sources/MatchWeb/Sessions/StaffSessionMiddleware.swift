import Foundation
import Hummingbird
import HummingbirdAuth
import MatchStore

/// The console's session (ADR 0034): the candidate gateway's rules under a cookie of its own
/// (`__Host-tm_staff`), so that a staff member and a candidate never share a session. It
/// loads the session, ends it at the idle and absolute limits, checks every POST's CSRF token,
/// reads the signed-in person's account on every request (a disabled account is signed out at
/// once) and stores the session after the handler. A sign-in that stops halfway (password
/// typed, no code) lasts `pendingLimit`.
struct StaffSessionMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    static let pendingLimit: Double = 10 * 60

    let driver: PostgresPersistDriver
    let credentials: StaffCredentialStore
    let configuration: GatewayConfiguration
    let anonymousCSRF: AnonymousCSRF

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let (handle, staleCookie) = try await load(request)
        context.staffSession = handle
        if let session = handle.current, session.stage == .signedIn {
            if let identity = try await credentials.activeIdentity(staffID: session.staff) {
                context.staff = identity
            } else {
                handle.signOut()
            }
        }
        if request.method == .post {
            guard let sent = context.form.raw("_csrf"), handle.accepts(csrf: sent) else {
                throw HTTPError(.forbidden, message: "missing or wrong CSRF token")
            }
        }
        var response = try await next(request, context)
        try await store(handle, staleCookie: staleCookie, into: &response)
        return response
    }

    private func load(_ request: Request) async throws -> (StaffSessionHandle, stale: Bool) {
        let nonce = request.cookies[configuration.staffCSRFCookieName]?.value
        let visitor = StaffSessionHandle(session: nil, key: nil, nonce: nonce, anonymousCSRF: anonymousCSRF)
        guard let key = request.cookies[configuration.staffCookieName]?.value, !key.isEmpty else { return (visitor, false) }
        let found: (object: StaffSession, ttl: Duration?)?
        do {
            found = try await driver.getWithTTL(key: key, as: StaffSession.self)
        } catch let error as PersistError where error == .invalidConversion {
            found = nil
        }
        guard let (session, ttl) = found else { return (visitor, true) }
        let age = Date().timeIntervalSince(session.created)
        if age >= configuration.absoluteTimeout.seconds || (session.stage != .signedIn && age >= Self.pendingLimit) {
            try await driver.remove(key: key)
            return (visitor, true)
        }
        return (StaffSessionHandle(session: session, key: key, secondsLeft: ttl?.seconds, nonce: nonce, anonymousCSRF: anonymousCSRF), false)
    }

    private func store(_ handle: StaffSessionHandle, staleCookie: Bool, into response: inout Response) async throws {
        let state = handle.snapshot
        for retired in state.retired {
            try await driver.remove(key: retired)
        }
        if let session = state.session {
            let left = configuration.absoluteTimeout.seconds - Date().timeIntervalSince(session.created)
            let idle = max(1, min(configuration.idleTimeout.seconds, left))
            if let key = state.key {
                if state.changed || idle - (state.secondsLeft ?? 0) >= WebSessionMiddleware.slideStep {
                    try await driver.set(key: key, value: session, expires: .milliseconds(Int64(idle * 1000)))
                }
            } else {
                let key = WebSession.randomToken()
                try await driver.create(key: key, value: session, expires: .milliseconds(Int64(idle * 1000)))
                response.setCookie(cookie(configuration.staffCookieName, key, maxAge: Int(max(1, left))))
            }
        } else if staleCookie || !state.retired.isEmpty {
            response.setCookie(cookie(configuration.staffCookieName, "", maxAge: 0))
        }
        if state.nonceIsNew, let nonce = state.nonce {
            response.setCookie(cookie(configuration.staffCSRFCookieName, nonce, maxAge: Int(configuration.absoluteTimeout.seconds)))
        }
    }

    /// `Path=/` because the `__Host-` prefix requires it; SameSite=Strict, since no one
    /// arrives at the console from another site's link except by an invitation, whose page
    /// needs no session.
    private func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .strict)
    }
}
