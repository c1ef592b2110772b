/// Who is calling: an authenticated API token, with the centre or office it speaks for.
public struct Principal: Sendable, Equatable {
    /// The organisation a token speaks for.
    public enum Organisation: Sendable, Equatable {
        case centre(id: Int64, code: String, officeID: Int64)
        /// `regionPrefix` is the office region's significant prefix ('51', '5119'): the office
        /// sees every region whose code starts with it.
        case office(id: Int64, code: String, regionPrefix: String)
    }

    public let tokenID: Int64
    public let label: String
    public let organisation: Organisation
    public let permissions: Set<Permission>

    public init(tokenID: Int64, label: String, organisation: Organisation, permissions: Set<Permission>) {
        self.tokenID = tokenID
        self.label = label
        self.organisation = organisation
        self.permissions = permissions
    }

    /// The row-level security scope of this principal's transactions.
    public var scope: AccessScope {
        switch organisation {
        case .centre(let id, _, _): .centre(id: id)
        case .office(let id, _, _): .office(id: id)
        }
    }

    /// How the audit log and offer transitions name this caller: `token:<id>:<label>`.
    public var actor: String { "token:\(tokenID):\(label)" }

    public func may(_ permission: Permission) -> Bool { permissions.contains(permission) }

    /// The office this principal speaks for, if it is an office.
    public var officeCode: String? {
        if case .office(_, let code, _) = organisation { return code }
        return nil
    }

    public var centreCode: String? {
        if case .centre(_, let code, _) = organisation { return code }
        return nil
    }
}
