import Foundation
import Synchronization

/// What the server keeps per staff browser (ADR 0034), in the same table as candidates'
/// sessions under its own cookie. A staff session passes through stages: the password (or an
/// invitation) proves who it is, then an authenticator code completes the sign-in; only a
/// signed-in session reaches the console's pages.
struct StaffSession: Codable, Sendable, Equatable {
    enum Stage: String, Codable, Sendable {
        /// The password was right; a code from the authenticator (or a recovery code) is next.
        case awaitingCode
        /// The person has no confirmed authenticator yet: the enrolment page is next.
        case enrolling
        /// Recovery codes were just made and are shown once before the console opens.
        case showingRecoveryCodes
        case signedIn
    }

    var staff: Int64
    var stage: Stage
    var csrf: String
    var created: Date
    /// When the person last typed their password (for changes that need re-authentication).
    var authenticatedAt: Date
    /// The recovery codes to show once (only in `showingRecoveryCodes`).
    var recoveryCodes: [String]?

    static func fresh(staff: Int64, stage: Stage, now: Date = Date()) -> StaffSession {
        StaffSession(staff: staff, stage: stage, csrf: WebSession.randomToken(), created: now, authenticatedAt: now)
    }
}

/// The staff session of one request, shared by the middleware and the handlers.
final class StaffSessionHandle: Sendable {
    struct State: Sendable {
        var session: StaffSession?
        var key: String?
        var retired: [String] = []
        var changed = false
        var secondsLeft: Double?
        /// A visitor's CSRF nonce (sign-in and invitation forms before any session exists).
        var nonce: String?
        var nonceIsNew = false
    }

    private let state: Mutex<State>
    private let anonymousCSRF: AnonymousCSRF

    init(session: StaffSession?, key: String?, secondsLeft: Double? = nil, nonce: String?, anonymousCSRF: AnonymousCSRF) {
        state = Mutex(State(session: session, key: key, secondsLeft: secondsLeft, nonce: nonce))
        self.anonymousCSRF = anonymousCSRF
    }

    var current: StaffSession? { state.withLock { $0.session } }
    var snapshot: State { state.withLock { $0 } }

    func csrfToken() -> String {
        let (session, nonce) = state.withLock { state -> (StaffSession?, String) in
            if state.session == nil, state.nonce == nil {
                state.nonce = WebSession.randomToken()
                state.nonceIsNew = true
            }
            return (state.session, state.nonce ?? "")
        }
        return session?.csrf ?? anonymousCSRF.token(for: nonce)
    }

    func accepts(csrf sent: String) -> Bool {
        let (session, nonce) = state.withLock { ($0.session, $0.nonce) }
        if let session { return WebSessionMiddleware.constantTimeEqual(sent, session.csrf) }
        return anonymousCSRF.accepts(sent, nonce: nonce)
    }

    /// Starts a new session (new token, the old one stops working) at `stage`.
    func begin(staff: Int64, stage: StaffSession.Stage) {
        replace(with: .fresh(staff: staff, stage: stage))
    }

    /// Moves the session on, under a new token (a step up in privilege rotates the token).
    func advance(to stage: StaffSession.Stage, recoveryCodes: [String]? = nil) {
        guard var session = current else { return }
        session.stage = stage
        session.recoveryCodes = recoveryCodes
        session.csrf = WebSession.randomToken()
        replace(with: session)
    }

    func signOut() {
        replace(with: nil)
    }

    private func replace(with session: StaffSession?) {
        state.withLock {
            if let key = $0.key { $0.retired.append(key) }
            $0.key = nil
            $0.session = session
            $0.changed = session != nil
        }
    }
}
