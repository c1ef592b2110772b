import Foundation
import PostgresNIO

/// An office admin's tokens in the console: those of the office and of its centres. The
/// `api_tokens` table has no row-level security (the API reads it before any scope exists),
/// so the office is named in every query here.
extension TokenStore {
    /// The tokens of the office and its centres, newest first.
    public func list(officeID: Int64) async throws -> [Listing] {
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT t.id, t.label, c.code, o.code, t.permissions, t.created_at, t.expires_at, t.revoked_at
                FROM api_tokens t LEFT JOIN centres c ON c.id = t.centre_id LEFT JOIN offices o ON o.id = t.office_id
                WHERE t.office_id = \(officeID) OR c.office_id = \(officeID)
                ORDER BY t.id DESC
                """,
                logger: database.logger
            )
            return try await Self.listings(rows)
        }
    }

    /// Revokes a token of the office or of one of its centres; any other id is unknown here.
    public func revoke(id: Int64, officeID: Int64, actor: String, source: String) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE api_tokens t SET revoked_at = coalesce(t.revoked_at, now())
                WHERE t.id = \(id)
                  AND (t.office_id = \(officeID) OR t.centre_id IN (SELECT c.id FROM centres c WHERE c.office_id = \(officeID)))
                RETURNING t.id
                """,
                logger: logger
            )
            var found = false
            for try await _ in rows.decode(Int64.self) { found = true }
            guard found else { throw TokenIssueError.unknownToken(id) }
            try await AuditLog.record(actor: actor, action: "token.revoke", subject: "token \(id)", source: source,
                                      on: connection, logger: logger)
        }
    }
}
