import Foundation
import PostgresNIO

/// The staff list: each account with its organisation and where it stands (invited, active,
/// disabled), read in one statement.
struct StaffListing {
    let database: Database

    func list(officeCode: String?, centreCode: String?) async throws -> [StaffAccount] {
        // In a transaction, which is where a scoped database sets its scope (ADR 0016).
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT s.id, s.login, s.name, s.role, coalesce(o.code, c.code), s.contact, s.active, s.disabled_at, s.disabled_by,
                       s.created_at,
                       EXISTS (SELECT 1 FROM staff_invitations i WHERE i.staff_id = s.id AND i.used_at IS NOT NULL),
                       (SELECT i.expires_at FROM staff_invitations i WHERE i.staff_id = s.id AND i.used_at IS NULL AND i.revoked_at IS NULL)
                FROM staff_accounts s
                LEFT JOIN offices o ON o.id = s.office_id
                LEFT JOIN centres c ON c.id = s.centre_id
                LEFT JOIN offices co ON co.id = c.office_id
                WHERE (\(officeCode)::text IS NULL OR o.code = \(officeCode) OR co.code = \(officeCode))
                  AND (\(centreCode)::text IS NULL OR c.code = \(centreCode))
                ORDER BY s.id
                """,
                logger: database.logger
            )
            typealias Row = (Int64, String?, String, String, String, String?, Bool, Date?, String?, Date, Bool, Date?)
            var result: [StaffAccount] = []
            let now = Date()
            for try await (id, login, name, role, organisation, contact, active, disabledAt, disabledBy, created, accepted, openUntil)
                in rows.decode(Row.self) {
                let state: StaffAccount.State = if !active, let disabledAt {
                    .disabled(at: disabledAt, by: disabledBy ?? "")
                } else if accepted {
                    .active
                } else if let openUntil {
                    openUntil > now ? .invited(until: openUntil) : .invitationExpired
                } else {
                    .notInvited
                }
                // The foreign key to staff_roles and VocabularyTests keep every stored role a known one.
                guard let role = StaffRoleCode(rawValue: role) else { continue }
                result.append(StaffAccount(id: id, login: login, name: name, role: role,
                                           organisationCode: organisation, contact: contact, state: state, createdAt: created))
            }
            return result
        }
    }
}
