import Foundation
import Logging
import PostgresNIO

/// A signed-in candidate's contacts: changing the sign-in contact and adding a second one of
/// the other kind, each only once its owner typed the code sent to it (ADR 0044).
///
/// Starting a change answers the same whether or not another account has the contact: if
/// one has, its owner gets a notice and no code is sent, so the change cannot complete.
public struct ContactStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Sends a code to `newContact`, which becomes the sign-in contact once the code is typed.
    public func startChange(candidateID: Int64, newContact: String, source: String) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            let owners = try await connection.query(
                "SELECT id FROM candidates WHERE contact = \(newContact) AND id <> \(candidateID)", logger: logger
            )
            for try await owner in owners.decode(Int64.self) {
                let entry = try await AuditLog.record(
                    actor: "candidate:\(candidateID)", action: "account.contact_taken", subject: "candidate:\(owner)", source: source,
                    on: connection, logger: logger
                )
                try await OutboxWrites.tellAddress(.registrationNotice, subject: entry, candidateID: owner, address: newContact,
                                                   on: connection, logger: logger)
                return
            }
            try await AccountCodes.issue(.changeContact, candidateID: candidateID, address: newContact, on: connection, logger: logger)
        }
    }

    /// Makes the contact the code was sent to the sign-in contact; false when the code is not
    /// good (or the contact was taken meanwhile). The old contact is told of the change.
    public func confirmChange(candidateID: Int64, code: String, source: String) async throws -> Bool {
        let logger = database.logger
        return try await database.transaction { connection in
            guard let used = try await AccountCodes.use(.changeContact, address: nil, candidateID: candidateID, code: code,
                                                        on: connection, logger: logger),
                  let current = try await Self.contacts(candidateID, on: connection, logger: logger) else { return false }
            let second = current.afterChange(to: used.address)
            let rows = try await connection.query(
                """
                UPDATE candidates SET contact = \(used.address), contact_verified_at = now(), updated_at = now(),
                    second_contact = \(second?.address), second_contact_verified_at = \(second?.verifiedAt)
                WHERE id = \(candidateID)
                  AND NOT EXISTS (SELECT 1 FROM candidates x WHERE x.contact = \(used.address) AND x.id <> \(candidateID))
                RETURNING id
                """,
                logger: logger
            )
            var changed = false
            for try await _ in rows { changed = true }
            guard changed else { return false }
            let entry = try await AuditLog.record(
                actor: "candidate:\(candidateID)", action: "account.contact", subject: "candidate:\(candidateID)", source: source,
                on: connection, logger: logger
            )
            try await OutboxWrites.tellAddress(.contactChanged, subject: entry, candidateID: candidateID, address: current.contact,
                                               payload: OutboxPayload.json(["new_contact": FailedMessages.mask(used.address)]),
                                               on: connection, logger: logger)
            return true
        }
    }

    /// A candidate's two contacts as stored, locked for a change.
    struct Contacts: Sendable {
        let contact: String
        let verifiedAt: Date?
        let second: String?
        let secondVerifiedAt: Date?

        /// The second contact once `newContact` signs in: it must be of the other kind. A
        /// second contact that becomes the sign-in one, or is of the new one's kind, gives
        /// way to the old sign-in contact when that is of the other kind (with its
        /// verification), so that messages keep a way to arrive.
        func afterChange(to newContact: String) -> (address: String, verifiedAt: Date?)? {
            let kind = MessageChannelCode(address: newContact)
            if let second, second != newContact, MessageChannelCode(address: second) != kind {
                return (second, secondVerifiedAt)
            }
            if MessageChannelCode(address: contact) != kind { return (contact, verifiedAt) }
            return nil
        }
    }

    static func contacts(_ candidateID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Contacts? {
        let rows = try await connection.query(
            """
            SELECT contact, contact_verified_at, second_contact, second_contact_verified_at FROM candidates
            WHERE id = \(candidateID) FOR UPDATE
            """,
            logger: logger
        )
        for try await row in rows.decode((String, Date?, String?, Date?).self) {
            return Contacts(contact: row.0, verifiedAt: row.1, second: row.2, secondVerifiedAt: row.3)
        }
        return nil
    }

    /// Sends a code to `address` (of the other kind than the sign-in contact), which becomes
    /// the second contact once the code is typed. False when it is of the same kind.
    public func startSecondContact(candidateID: Int64, address: String) async throws -> Bool {
        let logger = database.logger
        return try await database.transaction { connection in
            let rows = try await connection.query("SELECT contact FROM candidates WHERE id = \(candidateID)", logger: logger)
            var contact: String?
            for try await value in rows.decode(String.self) { contact = value }
            guard let contact, MessageChannelCode(address: contact) != MessageChannelCode(address: address) else { return false }
            try await AccountCodes.issue(.verifySecondContact, candidateID: candidateID, address: address, on: connection, logger: logger)
            return true
        }
    }

    /// Stores the second contact the code was sent to, verified; false when the code is not good.
    public func confirmSecondContact(candidateID: Int64, code: String, source: String) async throws -> Bool {
        let logger = database.logger
        return try await database.transaction { connection in
            guard let used = try await AccountCodes.use(.verifySecondContact, address: nil, candidateID: candidateID, code: code,
                                                        on: connection, logger: logger) else { return false }
            try await connection.query(
                """
                UPDATE candidates SET second_contact = \(used.address), second_contact_verified_at = now(), updated_at = now()
                WHERE id = \(candidateID) AND (position('@' IN contact) > 0) <> (position('@' IN \(used.address)) > 0)
                """,
                logger: logger
            )
            try await AuditLog.record(actor: "candidate:\(candidateID)", action: "account.second_contact",
                                      subject: "candidate:\(candidateID)", source: source, on: connection, logger: logger)
            return true
        }
    }

    public func removeSecondContact(candidateID: Int64, source: String) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            try await connection.query(
                """
                UPDATE candidates SET second_contact = NULL, second_contact_verified_at = NULL, updated_at = now(),
                    -- A choice that needed the removed contact falls back to the sign-in contact's channel.
                    message_channel_choice = CASE WHEN second_contact IS NOT NULL
                        AND CASE WHEN position('@' IN second_contact) > 0 THEN 'email' ELSE 'sms' END = ANY (message_channel_choice)
                        THEN NULL ELSE message_channel_choice END
                WHERE id = \(candidateID)
                """,
                logger: logger
            )
            try await AuditLog.record(actor: "candidate:\(candidateID)", action: "account.second_contact_removed",
                                      subject: "candidate:\(candidateID)", source: source, on: connection, logger: logger)
        }
    }
}
