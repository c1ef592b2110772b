import Foundation
import Logging
import PostgresNIO

/// Appends to the audit log (who, what, when, from where). The table is append-only: the
/// application role may insert but never update or delete, and a trigger refuses both.
public enum AuditLog {
    public static func record(
        actor: String, action: String, subject: String, details: [String: String] = [:], source: String = "",
        on connection: PostgresConnection, logger: Logger
    ) async throws {
        let data = try JSONSerialization.data(withJSONObject: details, options: [.sortedKeys])
        let json = String(decoding: data, as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO audit_log (actor, action, subject, details, source)
            VALUES (\(actor), \(action), \(subject), \(json)::jsonb, \(source))
            """,
            logger: logger
        )
    }
}
