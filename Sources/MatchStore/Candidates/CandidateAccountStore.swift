import Foundation
import Logging
import PostgresNIO

/// Candidate accounts: registration, credentials, and changes to contact and password.
///
/// The password never reaches this type, only its bcrypt hash (hashing is CPU work the
/// gateway does off the event loop). Registration writes the candidate, the account and
/// the consents in one transaction, so a failure leaves nothing half-registered.
public struct CandidateAccountStore: Sendable {
    public struct Credentials: Sendable, Equatable {
        public let candidateID: Int64
        public let passwordHash: String
    }

    public enum RegistrationOutcome: Sendable, Equatable {
        case registered(candidateID: Int64)
        case contactTaken
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Creates the candidate with the schema's required fields at their least committal
    /// values; the profile is incomplete until the candidate saves it (ADR 0018).
    public func register(
        contact: String, fullName: String, passwordHash: String, sensitiveDataConsent: Bool, source: String
    ) async throws -> RegistrationOutcome {
        let logger = database.logger
        return try await database.transaction { connection in
            let taken = try await connection.query("SELECT 1 FROM candidates WHERE contact = \(contact)", logger: logger)
            for try await _ in taken { return .contactTaken }
            let rows = try await connection.query(
                """
                INSERT INTO candidates (full_name, contact, education, accepted_modes)
                VALUES (\(fullName), \(contact), 'junior_secondary', ARRAY['full_transfer'])
                RETURNING id
                """,
                logger: logger
            )
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            try await connection.query(
                "INSERT INTO candidate_accounts (candidate_id, password_hash) VALUES (\(id), \(passwordHash))", logger: logger
            )
            try await connection.query(
                "INSERT INTO candidate_consents (candidate_id, purpose) VALUES (\(id), 'matching')", logger: logger
            )
            if sensitiveDataConsent {
                try await connection.query(
                    "INSERT INTO candidate_consents (candidate_id, purpose) VALUES (\(id), 'sensitive_data')", logger: logger
                )
            }
            try await AuditLog.record(
                actor: "candidate:\(id)", action: "account.register", subject: "candidate:\(id)",
                details: ["sensitive_data_consent": String(sensitiveDataConsent)], source: source, on: connection, logger: logger
            )
            return .registered(candidateID: id)
        }
    }

    /// The stored hash for a contact, for checking a log-in; nil for an unknown or deleted account.
    public func credentials(contact: String) async throws -> Credentials? {
        try await first(
            """
            SELECT a.candidate_id, a.password_hash FROM candidate_accounts a JOIN candidates c ON c.id = a.candidate_id
            WHERE c.contact = \(contact) AND c.status = 'active'
            """
        )
    }

    public func credentials(candidateID: Int64) async throws -> Credentials? {
        try await first(
            """
            SELECT a.candidate_id, a.password_hash FROM candidate_accounts a JOIN candidates c ON c.id = a.candidate_id
            WHERE a.candidate_id = \(candidateID) AND c.status = 'active'
            """
        )
    }

    private func first(_ query: PostgresQuery) async throws -> Credentials? {
        let rows = try await database.query(query, logger: database.logger)
        for try await (id, hash) in rows.decode((Int64, String).self) {
            return Credentials(candidateID: id, passwordHash: hash)
        }
        return nil
    }

    public func changePassword(candidateID: Int64, passwordHash: String, source: String) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            try await connection.query(
                """
                UPDATE candidate_accounts SET password_hash = \(passwordHash), password_changed_at = now()
                WHERE candidate_id = \(candidateID)
                """,
                logger: logger
            )
            try await AuditLog.record(
                actor: "candidate:\(candidateID)", action: "account.password", subject: "candidate:\(candidateID)",
                source: source, on: connection, logger: logger
            )
        }
    }

    /// False when another account already uses the contact.
    public func changeContact(candidateID: Int64, contact: String, source: String) async throws -> Bool {
        let logger = database.logger
        return try await database.transaction { connection in
            let taken = try await connection.query(
                "SELECT 1 FROM candidates WHERE contact = \(contact) AND id <> \(candidateID)", logger: logger
            )
            for try await _ in taken { return false }
            try await connection.query(
                "UPDATE candidates SET contact = \(contact), updated_at = now() WHERE id = \(candidateID)", logger: logger
            )
            try await AuditLog.record(
                actor: "candidate:\(candidateID)", action: "account.contact", subject: "candidate:\(candidateID)",
                source: source, on: connection, logger: logger
            )
            return true
        }
    }
}

extension CandidateAccountStore {
    /// Gives an existing candidate (found by contact) a gateway account if they have none,
    /// with their profile counted as complete. For the demo dataset, whose candidates are
    /// loaded directly; returns false when no such active candidate exists.
    public func ensureAccount(contact: String, passwordHash: String) async throws -> Bool {
        let rows = try await database.query(
            """
            WITH c AS (SELECT id FROM candidates WHERE contact = \(contact) AND status = 'active'),
            added AS (
                INSERT INTO candidate_accounts (candidate_id, password_hash, profile_completed_at)
                SELECT id, \(passwordHash), now() FROM c ON CONFLICT (candidate_id) DO NOTHING
            )
            SELECT count(*) FROM c
            """,
            logger: database.logger
        )
        for try await count in rows.decode(Int.self) { return count > 0 }
        return false
    }
}
