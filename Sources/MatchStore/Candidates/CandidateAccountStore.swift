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
        /// False until the sign-in contact's owner typed the code sent to it (ADR 0044).
        public let contactVerified: Bool
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
    /// values; the profile is incomplete until the candidate saves it (ADR 0018), and the
    /// contact unverified until its owner types the code this sends to it (ADR 0044). A
    /// contact that is taken gets its owner a notice instead, and nothing else changes; the
    /// caller answers both the same way.
    public func register(
        contact: String, fullName: String, passwordHash: String, sensitiveDataConsent: Bool, language: String = "zh-CN",
        source: String
    ) async throws -> RegistrationOutcome {
        let logger = database.logger
        return try await database.transaction { connection in
            let taken = try await connection.query("SELECT id FROM candidates WHERE contact = \(contact)", logger: logger)
            for try await owner in taken.decode(Int64.self) {
                let entry = try await AuditLog.record(
                    actor: "visitor", action: "account.register_taken", subject: "candidate:\(owner)", source: source,
                    on: connection, logger: logger
                )
                try await OutboxWrites.tellAddress(.registrationNotice, subject: entry, candidateID: owner, address: contact,
                                                   on: connection, logger: logger)
                return .contactTaken
            }
            let rows = try await connection.query(
                """
                INSERT INTO candidates (full_name, contact, education, accepted_modes, contact_verified_at, language)
                VALUES (\(fullName), \(contact), 'junior_secondary', ARRAY['full_transfer'], NULL, \(language))
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
            try await AccountCodes.issue(.verifyContact, candidateID: id, address: contact, on: connection, logger: logger)
            return .registered(candidateID: id)
        }
    }

    /// The stored hash for a contact, for checking a log-in; nil for an unknown or deleted account.
    public func credentials(contact: String) async throws -> Credentials? {
        try await first(
            """
            SELECT a.candidate_id, a.password_hash, c.contact_verified_at IS NOT NULL
            FROM candidate_accounts a JOIN candidates c ON c.id = a.candidate_id
            WHERE c.contact = \(contact) AND c.status = 'active'
            """
        )
    }

    public func credentials(candidateID: Int64) async throws -> Credentials? {
        try await first(
            """
            SELECT a.candidate_id, a.password_hash, c.contact_verified_at IS NOT NULL
            FROM candidate_accounts a JOIN candidates c ON c.id = a.candidate_id
            WHERE a.candidate_id = \(candidateID) AND c.status = 'active'
            """
        )
    }

    private func first(_ query: PostgresQuery) async throws -> Credentials? {
        let rows = try await database.query(query, logger: database.logger)
        for try await (id, hash, verified) in rows.decode((Int64, String, Bool).self) {
            return Credentials(candidateID: id, passwordHash: hash, contactVerified: verified)
        }
        return nil
    }

    /// Sets a new password; the sign-in contact is told, in case it was not its owner.
    public func changePassword(candidateID: Int64, passwordHash: String, source: String) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            try await Self.setPassword(candidateID: candidateID, passwordHash: passwordHash, action: "account.password",
                                       source: source, on: connection, logger: logger)
        }
    }

    /// The new hash, its audit entry and the notice to the sign-in contact, in the caller's transaction.
    static func setPassword(
        candidateID: Int64, passwordHash: String, action: String, source: String, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let rows = try await connection.query(
            """
            UPDATE candidate_accounts a SET password_hash = \(passwordHash), password_changed_at = now()
            FROM candidates c WHERE c.id = a.candidate_id AND a.candidate_id = \(candidateID)
            RETURNING c.contact
            """,
            logger: logger
        )
        var contact: String?
        for try await value in rows.decode(String.self) { contact = value }
        let entry = try await AuditLog.record(
            actor: "candidate:\(candidateID)", action: action, subject: "candidate:\(candidateID)", source: source,
            on: connection, logger: logger
        )
        if let contact {
            try await OutboxWrites.tellAddress(.passwordChanged, subject: entry, candidateID: candidateID, address: contact,
                                               on: connection, logger: logger)
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
