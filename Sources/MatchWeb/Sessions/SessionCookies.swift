import Foundation
import Hummingbird
import HummingbirdAuth

/// Loading a session named by a cookie and storing it after the handler, for either kind of
/// session: the rules of ADR 0018 (a token of 256 random bits, new at every sign-in; the row's
/// idle expiry sliding with activity, written back at most once a minute; the cookie living
/// until the absolute limit; HttpOnly, and Secure with the `__Host-` prefix in production).
struct SessionCookies<Session: StoredSession>: Sendable {
    /// How far the idle expiry must have moved before it is written back.
    static var slideStep: Double { 60 }

    let driver: PostgresPersistDriver
    let configuration: GatewayConfiguration
    let anonymousCSRF: AnonymousCSRF
    let sessionCookie: String
    let nonceCookie: String
    let sameSite: Cookie.SameSite

    /// The stored session if the cookie names one that is within the absolute limit and
    /// `isLive`; otherwise a visitor's handle (and whether the browser holds a cookie that
    /// names nothing any more).
    func load(_ request: Request, isLive: (Session) -> Bool = { _ in true }) async throws -> (SessionHandle<Session>, stale: Bool) {
        let nonce = request.cookies[nonceCookie]?.value
        let visitor = SessionHandle<Session>(session: nil, key: nil, nonce: nonce, anonymousCSRF: anonymousCSRF)
        guard let key = request.cookies[sessionCookie]?.value, !key.isEmpty else { return (visitor, false) }
        let found: (object: Session, ttl: Duration?)?
        do {
            found = try await driver.getWithTTL(key: key, as: Session.self)
        } catch let error as PersistError where error == .invalidConversion {
            // Another kind of session's token, or a row from an older shape: not a session of ours.
            found = nil
        }
        guard let (session, ttl) = found else { return (visitor, true) }
        if Date().timeIntervalSince(session.created) >= configuration.absoluteTimeout.seconds || !isLive(session) {
            try await driver.remove(key: key)
            return (visitor, true)
        }
        return (SessionHandle(session: session, key: key, secondsLeft: ttl?.seconds, nonce: nonce, anonymousCSRF: anonymousCSRF), false)
    }

    func store(_ handle: SessionHandle<Session>, staleCookie: Bool, into response: inout Response) async throws {
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
                response.setCookie(cookie(sessionCookie, key, maxAge: Int(max(1, left))))
            }
        } else if staleCookie || !state.retired.isEmpty {
            response.setCookie(cookie(sessionCookie, "", maxAge: 0))
        }
        if state.nonceIsNew, let nonce = state.nonce {
            response.setCookie(cookie(nonceCookie, nonce, maxAge: Int(configuration.absoluteTimeout.seconds)))
        }
    }

    private func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: sameSite)
    }
}
