/// Why a bearer token was not accepted. The API answers each with 401 and this description;
/// none of them says whether some other token exists.
public enum TokenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not shaped like a TalentMatch token (`tm_` and 43 base64url characters).
    case malformed
    /// No token has this secret.
    case unknown
    case expired
    case revoked
    /// The centre or office it speaks for is closed.
    case organisationClosed

    public var description: String {
        switch self {
        case .malformed: "the bearer token is not a TalentMatch token (expected tm_ and 43 characters)"
        case .unknown: "the bearer token is not known"
        case .expired: "the bearer token has expired; ask for a new one"
        case .revoked: "the bearer token was revoked"
        case .organisationClosed: "the centre or office this token speaks for is closed"
        }
    }
}

/// Why a token could not be issued or revoked.
public enum TokenIssueError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownCentre(String)
    case unknownOffice(String)
    case invalid(String)
    case unknownToken(Int64)

    public var description: String {
        switch self {
        case .unknownCentre(let code): "no centre with code '\(code)'"
        case .unknownOffice(let code): "no office with code '\(code)'"
        case .invalid(let reason): reason
        case .unknownToken(let id): "no token with id \(id)"
        }
    }
}
