import Foundation
import Hummingbird
import HummingbirdAuth

/// Loads the browser's session (or starts an anonymous one), enforces the idle and absolute
/// timeouts, checks the CSRF token of every POST, and stores the session after the handler.
///
/// Sessions live in PostgreSQL through hummingbird-auth's `SessionStorage` over
/// `PostgresPersistDriver`. The cookie is HttpOnly, SameSite=Lax, and (in production)
/// Secure with the `__Host-` prefix; the token is 256 random bits and is replaced at sign-in.
struct WebSessionMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let storage: SessionStorage<WebSession>
    let driver: PostgresPersistDriver
    let configuration: GatewayConfiguration

    init(driver: PostgresPersistDriver, configuration: GatewayConfiguration) {
        let cookie = SessionCookieParameters(
            name: configuration.sessionCookieName, path: "/", secure: configuration.secureCookies, sameSite: .lax
        )
        self.storage = SessionStorage(driver, configuration: .init(sessionCookieParameters: cookie, keyPrefix: ""))
        self.driver = driver
        self.configuration = configuration
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let handle = try await load(request)
        context.session = handle
        if request.method == .post {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            context.form = FormData(urlEncoded: String(buffer: body))
            guard let sent = context.form.raw("_csrf"), Self.constantTimeEqual(sent, handle.current.csrf) else {
                throw HTTPError(.forbidden, message: "missing or wrong CSRF token")
            }
        }
        var response = try await next(request, context)
        try await store(handle, into: &response)
        return response
    }

    /// The stored session if it is within both timeouts; otherwise a new anonymous one.
    private func load(_ request: Request) async throws -> SessionHandle {
        guard let key = storage.getId(request: request),
              let session = try? await storage.load(request: request) else {
            return SessionHandle(session: .fresh(), key: nil)
        }
        if Date().timeIntervalSince(session.created) >= configuration.absoluteTimeout.seconds {
            try await driver.remove(key: key)
            return SessionHandle(session: .fresh(), key: nil)
        }
        return SessionHandle(session: session, key: key)
    }

    private func store(_ handle: SessionHandle, into response: inout Response) async throws {
        let state = handle.snapshot
        for retired in state.retired {
            try await driver.remove(key: retired)
        }
        let left = configuration.absoluteTimeout.seconds - Date().timeIntervalSince(state.session.created)
        let expiry = Duration.milliseconds(Int64(max(1, min(configuration.idleTimeout.seconds, left)) * 1000))
        if let key = state.key {
            // Every request slides the idle timeout, never past the absolute one.
            try await driver.set(key: key, value: state.session, expires: expiry)
        } else {
            // The cookie lives until the absolute limit; the row, until the idle limit.
            let cookie = try await storage.save(session: state.session, expiresIn: .milliseconds(Int64(max(1, left) * 1000)))
            try await driver.set(key: cookie.value, value: state.session, expires: expiry)
            response.headers[values: .setCookie].append(cookie.description)
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
