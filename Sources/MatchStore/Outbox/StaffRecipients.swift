import Foundation
import Logging
import PostgresNIO

/// Who of an office's staff hears of its nights (`staff_accounts.contact`, `night_results`).
/// Staff accounts are made and managed in the staff console (issue 15); this gives a demo or
/// a fresh installation one recipient without it.
public struct StaffRecipients: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Makes sure the office has an active admin with this name and contact who receives the
    /// night's result; returns false when there is no such office.
    @discardableResult
    public func ensureNightResultRecipient(officeCode: String, name: String, contact: String, language: String = "zh-CN") async throws -> Bool {
        let rows = try await database.query(
            """
            WITH office AS (SELECT id FROM offices WHERE code = \(officeCode)),
            added AS (
                INSERT INTO staff_accounts (office_id, name, role, contact, language, night_results)
                SELECT id, \(name), 'office_admin', \(contact), \(language), true FROM office
                WHERE NOT EXISTS (SELECT 1 FROM staff_accounts s WHERE s.office_id = office.id AND s.contact = \(contact))
            )
            SELECT count(*) FROM office
            """
        )
        for try await count in rows.decode(Int.self) { return count > 0 }
        return false
    }
}
