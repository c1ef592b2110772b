import Foundation
import Logging
import PostgresNIO

/// Staff accounts (`staff_accounts`, `staff_invitations`; Schema/0090, ADR 0033): inviting a
/// person into an office or centre with a role, listing them, disabling them.
///
/// Run on a scoped `Database` (the console), row-level security lets an office see and invite
/// only the staff of its own office, the offices below it and their centres; the command line
/// is trusted and sees everyone.
public struct StaffStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Creates the account and its invitation, and records both in the audit log.
    public func invite(_ invite: StaffInvite, actor: String, source: String = "cli") async throws -> IssuedInvitation {
        let login = invite.login.trimmingCharacters(in: .whitespaces).lowercased()
        let name = invite.name.trimmingCharacters(in: .whitespaces)
        let contact = invite.contact?.trimmingCharacters(in: .whitespaces)
        try Self.validate(invite, login: login, name: name, contact: contact)
        let logger = database.logger
        return try await database.transaction(.attributed(to: actor, reason: "staff \(login) invited")) { connection in
            let (office, centre) = try await Self.resolve(invite.organisation, on: connection, logger: logger)
            if try await RegionLookup.exists("SELECT 1 WHERE staff_login_taken(\(login))", on: connection, logger: logger) {
                throw OrganisationError.loginTaken(login)
            }
            let rows = try await connection.query(
                """
                INSERT INTO staff_accounts (office_id, centre_id, name, role, login, contact, language, created_by)
                VALUES (\(office), \(centre), \(name), \(invite.role.rawValue), \(login), \(contact), \(invite.language), \(actor))
                RETURNING id
                """,
                logger: logger
            )
            var staffID: Int64 = 0
            for try await id in rows.decode(Int64.self) { staffID = id }
            let issued = try await Self.issue(staffID: staffID, hours: invite.expiresInHours, actor: actor, on: connection, logger: logger)
            try await AuditLog.record(
                actor: actor, action: "staff.invite", subject: "staff \(staffID)",
                details: ["login": login, "role": invite.role.rawValue, "organisation": Self.describe(invite.organisation),
                          "expires": ISO8601DateFormatter().string(from: issued.expiresAt)],
                source: source, on: connection, logger: logger
            )
            return issued
        }
    }

    /// A new invitation for an account whose invitation ran out or was lost; the old link
    /// stops working. An account that signs in already, or is disabled, cannot be re-invited.
    public func reinvite(staffID: Int64, expiresInHours: Int = StaffInvite.defaultExpiryHours, actor: String,
                         source: String = "cli") async throws -> IssuedInvitation {
        guard (1...720).contains(expiresInHours) else { throw OrganisationError.invalidExpiry(hours: expiresInHours) }
        let logger = database.logger
        return try await database.transaction(.attributed(to: actor, reason: "staff \(staffID) invited again")) { connection in
            let rows = try await connection.query(
                """
                SELECT s.login IS NOT NULL AND s.active
                       AND NOT EXISTS (SELECT 1 FROM staff_invitations i WHERE i.staff_id = s.id AND i.used_at IS NOT NULL)
                FROM staff_accounts s WHERE s.id = \(staffID) FOR UPDATE
                """,
                logger: logger
            )
            var invitable: Bool?
            for try await value in rows.decode(Bool.self) { invitable = value }
            guard let invitable else { throw OrganisationError.unknownStaff(staffID) }
            guard invitable else { throw StaffStoreError.notInvitable(staffID) }
            try await connection.query(
                "UPDATE staff_invitations SET revoked_at = now() WHERE staff_id = \(staffID) AND used_at IS NULL AND revoked_at IS NULL",
                logger: logger
            )
            let issued = try await Self.issue(staffID: staffID, hours: expiresInHours, actor: actor, on: connection, logger: logger)
            try await AuditLog.record(actor: actor, action: "staff.reinvite", subject: "staff \(staffID)", source: source,
                                      on: connection, logger: logger)
            return issued
        }
    }

    /// Disables the account at once: it cannot sign in, its open invitation stops working, and
    /// it no longer receives the night's result. Disabling twice is refused.
    public func disable(staffID: Int64, actor: String, source: String = "cli") async throws {
        let logger = database.logger
        try await database.transaction(.attributed(to: actor, reason: "staff \(staffID) disabled")) { connection in
            let rows = try await connection.query(
                """
                UPDATE staff_accounts SET active = false, disabled_at = now(), disabled_by = \(actor)
                WHERE id = \(staffID) AND active RETURNING id
                """,
                logger: logger
            )
            var changed = false
            for try await _ in rows.decode(Int64.self) { changed = true }
            if !changed {
                guard try await RegionLookup.exists("SELECT 1 FROM staff_accounts WHERE id = \(staffID)", on: connection, logger: logger) else {
                    throw OrganisationError.unknownStaff(staffID)
                }
                throw StaffStoreError.alreadyDisabled(staffID)
            }
            try await connection.query(
                "UPDATE staff_invitations SET revoked_at = now() WHERE staff_id = \(staffID) AND used_at IS NULL AND revoked_at IS NULL",
                logger: logger
            )
            try await AuditLog.record(actor: actor, action: "staff.disable", subject: "staff \(staffID)", source: source,
                                      on: connection, logger: logger)
        }
    }

    /// Everyone, or one office's staff (with its centres' editors), or one centre's; by id.
    public func list(officeCode: String? = nil, centreCode: String? = nil) async throws -> [StaffAccount] {
        try await StaffListing(database: database).list(officeCode: officeCode, centreCode: centreCode)
    }

    private static func validate(_ invite: StaffInvite, login: String, name: String, contact: String?) throws {
        guard StaffLogin.isValid(login) else { throw OrganisationError.invalidLogin(login) }
        guard OrganisationCode.isValidName(name) else { throw OrganisationError.invalidName(value: name) }
        if let contact, !StaffLogin.isValidContact(contact) { throw OrganisationError.invalidContact(contact) }
        guard (1...720).contains(invite.expiresInHours) else { throw OrganisationError.invalidExpiry(hours: invite.expiresInHours) }
        let isCentre = if case .centre = invite.organisation { true } else { false }
        guard (invite.role.organisation == .centre) == isCentre else { throw OrganisationError.roleNotForOrganisation(role: invite.role) }
    }

    private static func issue(staffID: Int64, hours: Int, actor: String, on connection: PostgresConnection,
                              logger: Logger) async throws -> IssuedInvitation {
        let token = InvitationToken.generate()
        let rows = try await connection.query(
            """
            INSERT INTO staff_invitations (staff_id, token_hash, created_by, expires_at)
            VALUES (\(staffID), \(token.hash), \(actor), now() + \(hours) * interval '1 hour') RETURNING expires_at
            """,
            logger: logger
        )
        var expiresAt = Date()
        for try await value in rows.decode(Date.self) { expiresAt = value }
        return IssuedInvitation(staffID: staffID, token: token, expiresAt: expiresAt)
    }

    private static func resolve(_ organisation: StaffInvite.Organisation, on connection: PostgresConnection,
                                logger: Logger) async throws -> (office: Int64?, centre: Int64?) {
        switch organisation {
        case .office(let code):
            let rows = try await connection.query("SELECT id FROM offices WHERE code = \(code)", logger: logger)
            for try await id in rows.decode(Int64.self) { return (id, nil) }
            throw OrganisationError.unknownOffice(code)
        case .centre(let code):
            let rows = try await connection.query("SELECT id FROM centres WHERE code = \(code)", logger: logger)
            for try await id in rows.decode(Int64.self) { return (nil, id) }
            throw OrganisationError.unknownCentre(code)
        }
    }

    static func describe(_ organisation: StaffInvite.Organisation) -> String {
        switch organisation {
        case .office(let code): "office \(code)"
        case .centre(let code): "centre \(code)"
        }
    }
}

/// Why a staff account could not be changed as asked.
public enum StaffStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case alreadyDisabled(Int64)
    /// The account signs in already, is disabled, or has no sign-in name.
    case notInvitable(Int64)

    public var description: String {
        switch self {
        case .alreadyDisabled(let id): "staff account \(id) is already disabled"
        case .notInvitable(let id): "staff account \(id) cannot be invited: it signs in already, is disabled, or has no sign-in name"
        }
    }
}
