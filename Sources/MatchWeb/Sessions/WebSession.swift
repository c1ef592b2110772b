import Foundation
import Synchronization

/// What the server keeps per browser session (in PostgreSQL, through the persist driver).
struct WebSession: Codable, Sendable, Equatable {
    /// The signed-in candidate, or nil for an anonymous visitor (who still needs a CSRF token).
    var candidate: Int64?
    /// The anti-forgery token every POST must echo.
    var csrf: String
    /// When the session started: sessions end 12 hours after this whatever the activity.
    var created: Date
    /// When the candidate last typed their password (for changes that need re-authentication).
    var authenticatedAt: Date?

    static func fresh(candidate: Int64? = nil, now: Date = Date()) -> WebSession {
        WebSession(candidate: candidate, csrf: randomToken(), created: now, authenticatedAt: candidate == nil ? nil : now)
    }

    /// 256 random bits from the system's CSPRNG, URL- and cookie-safe.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// The session of one request, shared between the middleware (which loads and stores it)
/// and the handlers (which sign in, sign out and re-authenticate).
final class SessionHandle: Sendable {
    struct State: Sendable {
        var session: WebSession
        /// The token the browser sent, or nil when this request must issue a new one.
        var key: String?
        /// Tokens to delete when the response goes out (rotation at sign-in, sign-out).
        var retired: [String] = []
        var changed = false
    }

    private let state: Mutex<State>

    init(session: WebSession, key: String?) {
        state = Mutex(State(session: session, key: key, changed: key == nil))
    }

    var current: WebSession { state.withLock { $0.session } }
    var snapshot: State { state.withLock { $0 } }

    /// Starts a new session for the candidate under a new token; the old token stops working.
    func signIn(_ candidate: Int64) {
        replace(with: .fresh(candidate: candidate))
    }

    func signOut() {
        replace(with: .fresh())
    }

    func markAuthenticated(now: Date = Date()) {
        state.withLock {
            $0.session.authenticatedAt = now
            $0.changed = true
        }
    }

    private func replace(with session: WebSession) {
        state.withLock {
            if let key = $0.key { $0.retired.append(key) }
            $0.key = nil
            $0.session = session
            $0.changed = true
        }
    }
}
