import Foundation
import Logging
import PostgresNIO

extension IdentityNumberStore {
    /// What a re-keying changed.
    public struct RekeyReport: Sendable, Equatable {
        /// Numbers re-sealed and re-hashed.
        public let resealed: Int
        /// How many of them each old encryption key had sealed.
        public let previousKeys: [UInt8: Int]
        /// The key that seals them now.
        public let currentKey: UInt8
    }

    /// A stored number that cannot be opened with the vault's keys; names the candidate row
    /// so the operator can see which key is missing, and changes nothing.
    public struct RekeyFailure: Error, Sendable, CustomStringConvertible {
        public let candidateID: Int64
        public let problem: IdentityNumberVault.Problem
        public var description: String { "candidate \(candidateID): \(problem); nothing was changed" }
    }

    /// Re-seals every stored number under the vault's current encryption key and re-hashes it
    /// with its hash key, in one transaction (rows locked, so a concurrent save waits). After
    /// it, encryption keys other than the current one can be removed from the key file, and a
    /// replaced hash key takes effect for duplicates. Run it with every key the stored rows
    /// need: a single row that does not open aborts the whole re-keying.
    public func rekey(with vault: IdentityNumberVault, actor: String) async throws -> RekeyReport {
        let logger = database.logger
        return try await database.transaction { connection in
            let rows = try await connection.query(
                "SELECT id, id_number_ciphertext FROM candidates WHERE id_number_ciphertext IS NOT NULL ORDER BY id FOR UPDATE",
                logger: logger
            )
            var ids: [Int64] = [], hashes: [ByteBuffer] = [], ciphertexts: [ByteBuffer] = []
            var previous: [UInt8: Int] = [:]
            for try await (id, stored) in rows.decode((Int64, Data).self) {
                let number: ResidentIdentityNumber
                do {
                    number = try vault.open(stored, candidateID: id)
                } catch let problem as IdentityNumberVault.Problem {
                    throw RekeyFailure(candidateID: id, problem: problem)
                }
                let sealed = try vault.seal(number, candidateID: id)
                ids.append(id)
                hashes.append(ByteBuffer(bytes: sealed.hash))
                ciphertexts.append(ByteBuffer(bytes: sealed.ciphertext))
                previous[IdentityNumberVault.keyID(of: stored) ?? 0, default: 0] += 1
            }
            try await connection.query(
                """
                UPDATE candidates c SET id_number_hash = u.hash, id_number_ciphertext = u.ciphertext
                FROM unnest(\(ids)::int8[], \(hashes)::bytea[], \(ciphertexts)::bytea[]) AS u(id, hash, ciphertext)
                WHERE c.id = u.id
                """,
                logger: logger
            )
            let report = RekeyReport(resealed: ids.count, previousKeys: previous, currentKey: vault.keys.currentKeyID)
            try await AuditLog.record(
                actor: actor, action: "id_number.rekey", subject: "candidates",
                details: ["resealed": String(report.resealed), "current_key": String(report.currentKey)], on: connection, logger: logger
            )
            return report
        }
    }
}
