import Foundation
import Synchronization

/// What the server keeps per signed-in browser (in PostgreSQL, through the persist driver).
/// A visitor who has not signed in has none: nothing is stored for a page view (ADR 0025).
struct WebSession: Codable, Sendable, Equatable {
    /// The signed-in candidate. (Sessions stored before issue 13 may hold nil: an anonymous
    /// visitor's; they are read as "not signed in" and expire on their own.)
    var candidate: Int64?
    /// The anti-forgery token every POST of this session must echo.
    var csrf: String
    /// When the session started: sessions end 12 hours after this whatever the activity.
    var created: Date
    /// When the candidate last typed their password (for changes that need re-authentication).
    var authenticatedAt: Date?

    static func fresh(candidate: Int64, now: Date = Date()) -> WebSession {
        WebSession(candidate: candidate, csrf: randomToken(), created: now, authenticatedAt: now)
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
/// and the handlers (which sign in, sign out, re-authenticate and show CSRF tokens).
final class SessionHandle: Sendable {
    struct State: Sendable {
        /// The signed-in session, or nil for a visitor (nothing to store).
        var session: WebSession?
        /// The token the browser sent, when it names a live session.
        var key: String?
        /// Tokens to delete when the response goes out (rotation at sign-in, sign-out).
        var retired: [String] = []
        /// The session must be written (new, signed in, re-authenticated).
        var changed = false
        /// Seconds the stored row had left when it was read.
        var secondsLeft: Double?
        /// A visitor's CSRF nonce, from its cookie or made for this response.
        var nonce: String?
        var nonceIsNew = false
    }

    private let state: Mutex<State>
    private let anonymousCSRF: AnonymousCSRF

    init(session: WebSession?, key: String?, secondsLeft: Double? = nil, nonce: String?, anonymousCSRF: AnonymousCSRF) {
        state = Mutex(State(session: session, key: key, secondsLeft: secondsLeft, nonce: nonce))
        self.anonymousCSRF = anonymousCSRF
    }

    var current: WebSession? { state.withLock { $0.session } }
    var candidate: Int64? { current?.candidate }
    var snapshot: State { state.withLock { $0 } }

    /// The token this browser's forms carry: the session's, or for a visitor one signed from
    /// its nonce (made now, and sent as a cookie with the response, if it has none).
    func csrfToken() -> String {
        let (session, nonce) = state.withLock { state -> (WebSession?, String) in
            if state.session == nil, state.nonce == nil {
                state.nonce = WebSession.randomToken()
                state.nonceIsNew = true
            }
            return (state.session, state.nonce ?? "")
        }
        return session?.csrf ?? anonymousCSRF.token(for: nonce)
    }

    /// Whether a POST's `_csrf` belongs to this browser.
    func accepts(csrf sent: String) -> Bool {
        let (session, nonce) = state.withLock { ($0.session, $0.nonce) }
        if let session { return WebSessionMiddleware.constantTimeEqual(sent, session.csrf) }
        return anonymousCSRF.accepts(sent, nonce: nonce)
    }

    /// Starts a new session for the candidate under a new token; the old token stops working.
    func signIn(_ candidate: Int64) {
        replace(with: .fresh(candidate: candidate))
    }

    func signOut() {
        replace(with: nil)
    }

    func markAuthenticated(now: Date = Date()) {
        state.withLock {
            $0.session?.authenticatedAt = now
            $0.changed = true
        }
    }

    private func replace(with session: WebSession?) {
        state.withLock {
            if let key = $0.key { $0.retired.append(key) }
            $0.key = nil
            $0.session = session
            $0.changed = session != nil
        }
    }
}
