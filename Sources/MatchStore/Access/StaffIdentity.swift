/// A signed-in staff member as the console needs them: who, in which role, and the scope their
/// queries run under (ADR 0016, 0034).
public struct StaffIdentity: Sendable, Equatable, Codable {
    public let id: Int64
    public let login: String
    public let name: String
    public let role: StaffRoleCode
    /// The office of an office role, or the office of the centre editor's centre.
    public let officeID: Int64
    public let officeCode: String
    /// The centre editor's centre.
    public let centreID: Int64?
    public let centreCode: String?
    /// The office's region prefix ('5119'): an office sees the regions starting with it.
    public let regionPrefix: String
    public let language: String

    /// The row-level security scope of this person's transactions: their centre, or their office.
    public var scope: AccessScope {
        if let centreID { return .centre(id: centreID) }
        return .office(id: officeID)
    }

    /// How the audit log and offer transitions name them: `staff:<id>:<login>`.
    public var actor: String { "staff:\(id):\(login)" }

    public func may(_ permission: Permission) -> Bool { role.permissions.contains(permission) }

    public func administers(_ what: StaffRoleCode.Administration) -> Bool { role.administers.contains(what) }
}

extension StaffRoleCode: Codable {}
