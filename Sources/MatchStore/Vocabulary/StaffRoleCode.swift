/// A staff member's role (Schema/0090, ADR 0033). Office roles belong to an office, the centre
/// editor to a centre. A role's session may do what an API token of the same scope with
/// `permissions` may do, enforced by the same row-level security, and the console lets it
/// administer `administers`. The rows of `staff_roles` say the same; a test compares them.
public enum StaffRoleCode: String, VocabularyCode {
    /// Everything the office does: policies, what-ifs, reviews, its centres, staff and tokens.
    case officeAdmin = "office_admin"
    /// Reads everything the office sees and runs what-ifs; commits nothing.
    case officeAnalyst = "office_analyst"
    /// Decides candidates' review requests.
    case reviewer
    /// Writes one centre's vacancies.
    case centreEditor = "centre_editor"

    public static let cataloguePrefix = "staff_role"

    /// Whether the role belongs to an office or to a centre.
    public enum Organisation: String, Sendable {
        case office
        case centre
    }

    /// What, beside its permissions, the console lets a role administer.
    public enum Administration: String, Sendable, CaseIterable {
        /// Create offices in the regions below its own.
        case offices
        /// Create its office's centres.
        case centres
        /// Invite and disable staff of its office and centres.
        case staff
        /// Issue and revoke API tokens for its office and centres.
        case tokens
    }

    public var organisation: Organisation { self == .centreEditor ? .centre : .office }

    public var permissions: Set<Permission> {
        switch self {
        case .officeAdmin: Set(Permission.officeDefaults)
        case .officeAnalyst: [.vacanciesRead, .policiesRead, .runsRead, .runsDryRun, .referenceRead, .reviewsRead]
        case .reviewer: [.vacanciesRead, .policiesRead, .runsRead, .referenceRead, .reviewsRead, .reviewsDecide]
        case .centreEditor: Set(Permission.centreDefaults)
        }
    }

    public var administers: Set<Administration> {
        self == .officeAdmin ? Set(Administration.allCases) : []
    }
}
