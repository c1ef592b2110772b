import Foundation

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

extension StaffSession: StoredSession {}

typealias StaffSessionHandle = SessionHandle<StaffSession>

/// A staff member's session handle: the stages of a sign-in.
extension SessionHandle where Session == StaffSession {
    /// Starts a new session (new token, the old one stops working) at `stage`.
    func begin(staff: Int64, stage: StaffSession.Stage) {
        replace(with: .fresh(staff: staff, stage: stage))
    }

    /// Moves the session on, under a new token and CSRF token (a step up in privilege rotates both).
    func advance(to stage: StaffSession.Stage, recoveryCodes: [String]? = nil) {
        guard var session = current else { return }
        session.stage = stage
        session.recoveryCodes = recoveryCodes
        session.csrf = WebSession.randomToken()
        replace(with: session)
    }
}
