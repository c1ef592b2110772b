import Foundation

/// A staff member as lists show them: who, where, in which role, and whether they can sign in.
public struct StaffAccount: Sendable, Equatable {
    /// Where the account stands.
    public enum State: Sendable, Equatable {
        /// Invited; the link works until this time.
        case invited(until: Date)
        /// The invitation ran out unused; issue a new one.
        case invitationExpired
        /// Never invited: an account that only receives messages (the demo's, or one made
        /// before the console), which cannot sign in until it is invited.
        case notInvited
        /// The person accepted the invitation and signs in.
        case active
        case disabled(at: Date, by: String)
    }

    public let id: Int64
    public let login: String?
    public let name: String
    public let role: StaffRoleCode
    /// The office's code (office roles) or the centre's (centre editors).
    public let organisationCode: String
    public let contact: String?
    public let state: State
    public let createdAt: Date
}

/// Who a new staff member is and where they work.
public struct StaffInvite: Sendable {
    /// The office or centre the account belongs to, by code.
    public enum Organisation: Sendable, Equatable {
        case office(code: String)
        case centre(code: String)
    }

    public var organisation: Organisation
    public var role: StaffRoleCode
    public var name: String
    public var login: String
    /// Where the night's result and other messages go: an e-mail address or a mobile number.
    public var contact: String?
    public var language: String
    public var expiresInHours: Int

    public static let defaultExpiryHours = 72

    public init(organisation: Organisation, role: StaffRoleCode, name: String, login: String, contact: String? = nil,
                language: String = "zh-CN", expiresInHours: Int = defaultExpiryHours) {
        self.organisation = organisation
        self.role = role
        self.name = name
        self.login = login
        self.contact = contact
        self.language = language
        self.expiresInHours = expiresInHours
    }
}

/// An invitation just issued: its link's secret is shown once and never again.
public struct IssuedInvitation: Sendable {
    public let staffID: Int64
    public let token: InvitationToken
    public let expiresAt: Date

    /// The path of the console's page that accepts it.
    public var path: String { "/console/invitation/\(token.text)" }
}
