import Foundation
import Logging
import PostgresNIO

/// Appends to the audit log (who, what, when, from where). The table is append-only: the
/// application role may insert but never update or delete, and a trigger refuses both.
public enum AuditLog {
    /// Appends one entry in a transaction of its own: what a request records about itself
    /// after the stores recorded the change it made.
    public static func record(
        actor: String, action: String, subject: String, details: [String: String] = [:], source: String = "",
        in database: Database
    ) async throws {
        try await database.transaction { connection in
            try await record(actor: actor, action: action, subject: subject, details: details, source: source,
                             on: connection, logger: database.logger)
        }
    }

    /// Appends one entry inside the caller's transaction, with the change it records; returns
    /// the entry's id (the subject of a message that tells someone of the change).
    @discardableResult
    static func record(
        actor: String, action: String, subject: String, details: [String: String] = [:], source: String = "",
        on connection: PostgresConnection, logger: Logger
    ) async throws -> Int64 {
        let data = try JSONSerialization.data(withJSONObject: details, options: [.sortedKeys])
        let json = String(decoding: data, as: UTF8.self)
        let rows = try await connection.query(
            """
            INSERT INTO audit_log (actor, action, subject, details, source)
            VALUES (\(actor), \(action), \(subject), \(json)::jsonb, \(source))
            RETURNING id
            """,
            logger: logger
        )
        for try await id in rows.decode(Int64.self) { return id }
        return 0
    }
}
