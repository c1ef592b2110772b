import Foundation
import Logging
import PostgresNIO

/// Consents (PIPL Art. 29): granted and withdrawn with a timestamp, never deleted, so the
/// history of what was permitted when stays readable.
public struct ConsentStore: Sendable {
    public enum Purpose: String, Sendable, CaseIterable {
        case matching
        case sensitiveData = "sensitive_data"
    }

    public struct Consent: Sendable, Equatable {
        public let purpose: Purpose
        public let grantedAt: Date
        public let withdrawnAt: Date?
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Every consent the candidate ever gave, newest first.
    public func history(candidateID: Int64) async throws -> [Consent] {
        let rows = try await database.query(
            """
            SELECT purpose, granted_at, withdrawn_at FROM candidate_consents
            WHERE candidate_id = \(candidateID) ORDER BY granted_at DESC, id DESC
            """,
            logger: database.logger
        )
        var result: [Consent] = []
        for try await (purpose, granted, withdrawn) in rows.decode((String, Date, Date?).self) {
            guard let purpose = Purpose(rawValue: purpose) else { continue }
            result.append(Consent(purpose: purpose, grantedAt: granted, withdrawnAt: withdrawn))
        }
        return result
    }

    public func isLive(_ purpose: Purpose, candidateID: Int64) async throws -> Bool {
        try await history(candidateID: candidateID).contains { $0.purpose == purpose && $0.withdrawnAt == nil }
    }

    /// Grants the consent unless it is already live.
    public func grant(_ purpose: Purpose, candidateID: Int64, source: String) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO candidate_consents (candidate_id, purpose) VALUES (\(candidateID), \(purpose.rawValue))
                ON CONFLICT (candidate_id, purpose) WHERE withdrawn_at IS NULL DO NOTHING RETURNING id
                """,
                logger: logger
            )
            for try await _ in rows {
                try await AuditLog.record(
                    actor: "candidate:\(candidateID)", action: "consent.grant", subject: "candidate:\(candidateID)",
                    details: ["purpose": purpose.rawValue], source: source, on: connection, logger: logger
                )
            }
        }
    }

    public func withdraw(_ purpose: Purpose, candidateID: Int64, source: String) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE candidate_consents SET withdrawn_at = now()
                WHERE candidate_id = \(candidateID) AND purpose = \(purpose.rawValue) AND withdrawn_at IS NULL RETURNING id
                """,
                logger: logger
            )
            var withdrawn = false
            for try await _ in rows { withdrawn = true }
            guard withdrawn else { return }
            // Without consent the sensitive data is no longer processed, so it is not kept either.
            if purpose == .sensitiveData {
                try await connection.query(
                    """
                    UPDATE candidates SET hukou_region_code = NULL, hukou_type = NULL, id_number_hash = NULL,
                        id_number_ciphertext = NULL, updated_at = now()
                    WHERE id = \(candidateID)
                    """,
                    logger: logger
                )
            }
            try await AuditLog.record(
                actor: "candidate:\(candidateID)", action: "consent.withdraw", subject: "candidate:\(candidateID)",
                details: ["purpose": purpose.rawValue], source: source, on: connection, logger: logger
            )
        }
    }
}
