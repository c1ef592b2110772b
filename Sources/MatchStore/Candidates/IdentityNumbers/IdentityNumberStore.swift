import Foundation
import Logging
import PostgresNIO

/// What a profile save does with the ID number.
public enum IdentityNumberChange: Sendable, Equatable {
    /// The field was left empty: whatever is on file stays.
    case keep
    case replace(SealedIdentityNumber)
    case remove

    /// What the audit entry of the save says: whether the number changed, never the number.
    var auditDetails: [String: String] {
        switch self {
        case .keep: [:]
        case .replace: ["id_number": "replaced"]
        case .remove: ["id_number": "removed"]
        }
    }
}

/// Why an ID number was not stored. Neither case says anything about another account.
public enum IdentityNumberRefusal: Error, Sendable, Equatable {
    /// The separate consent for sensitive data (PIPL Art. 29) is not live.
    case consentMissing
    /// Another account holds the same number (same keyed hash).
    case alreadyRegistered
}

/// The two ID-number columns of `candidates` (Schema/0006): only hashes and ciphertexts
/// pass through here, never the number itself (ADR 0022).
public struct IdentityNumberStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The stored ciphertext of an active candidate, if any.
    public func ciphertext(candidateID: Int64) async throws -> Data? {
        let rows = try await database.query(
            "SELECT id_number_ciphertext FROM candidates WHERE id = \(candidateID) AND status = 'active'",
            logger: database.logger
        )
        for try await value in rows.decode(Data?.self) { return value }
        return nil
    }

    /// The holder found when a save collided; kept out of `IdentityNumberRefusal` so that no
    /// caller can show it, and written only to the audit log for the office to investigate.
    struct Duplicate: Error {
        let holder: Int64?
    }

    /// Applies `change` inside the caller's transaction. A new number needs the sensitive-data
    /// consent: its row is locked, so a withdrawal running at the same moment either waits for
    /// this transaction (and then clears the number) or commits first (and this one refuses).
    static func apply(_ change: IdentityNumberChange, candidateID: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        switch change {
        case .keep:
            return
        case .remove:
            try await connection.query(
                "UPDATE candidates SET id_number_hash = NULL, id_number_ciphertext = NULL WHERE id = \(candidateID)", logger: logger
            )
        case .replace(let sealed):
            let consent = try await connection.query(
                """
                SELECT 1 FROM candidate_consents
                WHERE candidate_id = \(candidateID) AND purpose = 'sensitive_data' AND withdrawn_at IS NULL FOR UPDATE
                """,
                logger: logger
            )
            var consented = false
            for try await _ in consent { consented = true }
            guard consented else { throw IdentityNumberRefusal.consentMissing }
            let holders = try await connection.query(
                "SELECT id FROM candidates WHERE id_number_hash = \(sealed.hash) AND id <> \(candidateID)", logger: logger
            )
            for try await holder in holders.decode(Int64.self) { throw Duplicate(holder: holder) }
            do {
                try await connection.query(
                    """
                    UPDATE candidates SET id_number_hash = \(sealed.hash), id_number_ciphertext = \(sealed.ciphertext)
                    WHERE id = \(candidateID)
                    """,
                    logger: logger
                )
            } catch let error as PSQLError where error.serverInfo?[.constraintName] == "candidates_id_number_hash_key" {
                // Another account saved the same number between the check above and this write.
                throw Duplicate(holder: nil)
            }
        }
    }

    /// Writes the refused attempt to the audit log (in its own transaction: the save's was
    /// rolled back). The other account's id goes only into the entry's details, which the
    /// candidate's data export does not include.
    func recordDuplicate(_ duplicate: Duplicate, candidateID: Int64, source: String) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            try await AuditLog.record(
                actor: "candidate:\(candidateID)", action: "id_number.duplicate", subject: "candidate:\(candidateID)",
                details: duplicate.holder.map { ["held_by": "candidate:\($0)"] } ?? [:], source: source, on: connection, logger: logger
            )
        }
    }
}
