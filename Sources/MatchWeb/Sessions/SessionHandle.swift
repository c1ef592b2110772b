import Foundation
import Synchronization

/// What a stored session of either kind (a candidate's `WebSession`, a staff member's
/// `StaffSession`) holds that the session machinery needs.
protocol StoredSession: Codable, Sendable, Equatable {
    /// The anti-forgery token every POST of this session must echo.
    var csrf: String { get }
    /// When the session started: it ends at the absolute limit after this, whatever the activity.
    var created: Date { get }
}

/// The session of one request, shared between the middleware (which loads and stores it)
/// and the handlers (which sign in, sign out and show CSRF tokens).
final class SessionHandle<Session: StoredSession>: Sendable {
    struct State: Sendable {
        /// The signed-in session, or nil for a visitor (nothing to store).
        var session: Session?
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

    init(session: Session?, key: String?, secondsLeft: Double? = nil, nonce: String?, anonymousCSRF: AnonymousCSRF) {
        state = Mutex(State(session: session, key: key, secondsLeft: secondsLeft, nonce: nonce))
        self.anonymousCSRF = anonymousCSRF
    }

    var current: Session? { state.withLock { $0.session } }
    var snapshot: State { state.withLock { $0 } }

    /// The token this browser's forms carry: the session's, or for a visitor one signed from
    /// its nonce (made now, and sent as a cookie with the response, if it has none).
    func csrfToken() -> String {
        let (session, nonce) = state.withLock { state -> (Session?, String) in
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
        if let session { return ConstantTime.equal(sent, session.csrf) }
        return anonymousCSRF.accepts(sent, nonce: nonce)
    }

    func signOut() {
        replace(with: nil)
    }

    /// Changes the stored session in place (same token).
    func update(_ change: (inout Session) -> Void) {
        state.withLock {
            guard var session = $0.session else { return }
            change(&session)
            $0.session = session
            $0.changed = true
        }
    }

    /// Puts `session` under a new token; the old token stops working.
    func replace(with session: Session?) {
        state.withLock {
            if let key = $0.key { $0.retired.append(key) }
            $0.key = nil
            $0.session = session
            $0.changed = session != nil
        }
    }
}
