import Foundation
import Logging
import PostgresNIO

/// What the gateway does with one-time codes: verify the sign-in contact after registering,
/// reset a forgotten password, change the sign-in contact, add a second contact (ADR 0044).
///
/// Requests answer nothing about whether an account exists: asking for a code for an
/// unknown contact returns as asking for a known one does, and sends nothing. Codes are
/// checked with the account's contact or the signed-in candidate, never trusted alone.
public struct AccountCodeStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A new code for an account whose sign-in contact is still unverified; nothing otherwise.
    public func resendVerification(contact: String) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            guard let id = try await Self.account(contact: contact, unverifiedOnly: true, on: connection, logger: logger) else { return }
            try await AccountCodes.issue(.verifyContact, candidateID: id, address: contact, on: connection, logger: logger)
        }
    }

    /// Marks the sign-in contact verified when `code` is one sent to it; false otherwise.
    public func verifyContact(contact: String, code: String, source: String) async throws -> Bool {
        let logger = database.logger
        return try await database.transaction { connection in
            guard let used = try await AccountCodes.use(.verifyContact, address: contact, candidateID: nil, code: code,
                                                        on: connection, logger: logger) else { return false }
            try await connection.query(
                """
                UPDATE candidates SET contact_verified_at = now(), updated_at = now()
                WHERE id = \(used.candidateID) AND contact = \(used.address)
                """,
                logger: logger
            )
            try await AuditLog.record(actor: "candidate:\(used.candidateID)", action: "account.verify_contact",
                                      subject: "candidate:\(used.candidateID)", source: source, on: connection, logger: logger)
            return true
        }
    }

    /// Sends a reset code and link to the sign-in contact of the active account that has it;
    /// nothing when no account has it.
    public func requestReset(contact: String) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            guard let id = try await Self.account(contact: contact, unverifiedOnly: false, on: connection, logger: logger) else { return }
            try await AccountCodes.issue(.resetPassword, candidateID: id, address: contact, on: connection, logger: logger)
        }
    }

    /// Whether a reset link can still be used (its form is shown only then).
    public func resetLinkIsLive(token: String) async throws -> Bool {
        let logger = database.logger
        return try await database.transaction { connection in
            try await AccountCodes.tokenIsLive(token, on: connection, logger: logger)
        }
    }

    /// Sets a new password with a reset link's token, or with the contact and the code sent
    /// to it; returns the candidate, or nil when neither is good. The contact counts as
    /// verified (its owner read the code), every session ends, and the contact is told.
    public func resetPassword(token: String?, contact: String?, code: String?, passwordHash: String, source: String) async throws -> Int64? {
        let logger = database.logger
        return try await database.transaction { connection in
            let used: AccountCodes.Used? = if let token {
                try await AccountCodes.useToken(token, on: connection, logger: logger)
            } else if let contact, let code {
                try await AccountCodes.use(.resetPassword, address: contact, candidateID: nil, code: code, on: connection, logger: logger)
            } else {
                nil
            }
            guard let used else { return nil }
            try await CandidateAccountStore.setPassword(candidateID: used.candidateID, passwordHash: passwordHash,
                                                        action: "account.reset", source: source, on: connection, logger: logger)
            try await connection.query(
                """
                UPDATE candidates SET contact_verified_at = coalesce(contact_verified_at, now())
                WHERE id = \(used.candidateID) AND contact = \(used.address)
                """,
                logger: logger
            )
            try await connection.query("DELETE FROM web_sessions WHERE value ->> 'candidate' = \(String(used.candidateID))", logger: logger)
            return used.candidateID
        }
    }

    /// The active account with this sign-in contact (only an unverified one, if asked).
    static func account(contact: String, unverifiedOnly: Bool, on connection: PostgresConnection, logger: Logger) async throws -> Int64? {
        let rows = try await connection.query(
            """
            SELECT c.id FROM candidates c JOIN candidate_accounts a ON a.candidate_id = c.id
            WHERE c.contact = \(contact) AND c.status = 'active' AND (NOT \(unverifiedOnly) OR c.contact_verified_at IS NULL)
            """,
            logger: logger
        )
        for try await id in rows.decode(Int64.self) { return id }
        return nil
    }
}
