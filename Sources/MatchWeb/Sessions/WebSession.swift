import Foundation

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

extension WebSession: StoredSession {}

/// A candidate's session handle: who is signed in, signing in, re-authenticating.
extension SessionHandle where Session == WebSession {
    var candidate: Int64? { current?.candidate }

    /// Starts a new session for the candidate under a new token; the old token stops working.
    func signIn(_ candidate: Int64) {
        replace(with: .fresh(candidate: candidate))
    }

    func markAuthenticated(now: Date = Date()) {
        update { $0.authenticatedAt = now }
    }
}
