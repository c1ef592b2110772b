import Crypto
import Foundation

/// What the database stores for one ID number: a keyed hash for equality and a ciphertext
/// for reading it back. The plain number is never bound into SQL, so no statement, error
/// message or server log can contain it.
public struct SealedIdentityNumber: Sendable, Equatable {
    /// HMAC-SHA-256 of the 18 characters (`candidates.id_number_hash`, 32 bytes, UNIQUE).
    public let hash: Data
    /// key id (1 byte) ‖ AES-GCM nonce (12) ‖ ciphertext (18) ‖ tag (16) (`candidates.id_number_ciphertext`).
    public let ciphertext: Data
}

/// Hashes, seals and opens ID numbers with the keys of `IdentityNumberKeys` (ADR 0022).
///
/// The ciphertext is bound to its candidate: the candidate's id is the AES-GCM associated
/// data, so a ciphertext copied into another candidate's row does not open there.
public struct IdentityNumberVault: Sendable {
    public let keys: IdentityNumberKeys

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// Sealed with a key id the key file does not have (an old key removed too early).
        case unknownKey(UInt8)
        /// Too short, tampered with, moved to another candidate's row, or the key is wrong.
        case unreadable

        public var description: String {
            switch self {
            case .unknownKey(let id): "the ID number was sealed with encryption key \(id), which the key file does not have"
            case .unreadable: "the stored ID number does not decrypt (wrong key, or the ciphertext was altered or moved)"
            }
        }
    }

    public init(keys: IdentityNumberKeys) {
        self.keys = keys
    }

    /// The keyed hash that finds the same number on two accounts without storing it.
    public func hash(_ number: ResidentIdentityNumber) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(number.digits.utf8), using: keys.hashKey))
    }

    /// Encrypts under the current key. Only a failing system random source makes this throw.
    public func seal(_ number: ResidentIdentityNumber, candidateID: Int64) throws -> SealedIdentityNumber {
        let id = keys.currentKeyID
        guard let key = keys.encryptionKeys[id] else { throw Problem.unknownKey(id) }
        let box = try AES.GCM.seal(Data(number.digits.utf8), using: key, authenticating: Self.associatedData(candidateID))
        guard let combined = box.combined else { throw Problem.unreadable }
        return SealedIdentityNumber(hash: hash(number), ciphertext: Data([id]) + combined)
    }

    public func open(_ ciphertext: Data, candidateID: Int64) throws(Problem) -> ResidentIdentityNumber {
        guard let id = ciphertext.first else { throw .unreadable }
        guard let key = keys.encryptionKeys[id] else { throw .unknownKey(id) }
        do {
            let box = try AES.GCM.SealedBox(combined: ciphertext.dropFirst())
            let plain = try AES.GCM.open(box, using: key, authenticating: Self.associatedData(candidateID))
            // Validated when sealed; a far-future `today` only keeps the clock out of reading back.
            return try ResidentIdentityNumber(String(decoding: plain, as: UTF8.self), today: .distantFuture)
        } catch {
            throw .unreadable
        }
    }

    /// The key id a stored ciphertext names, without opening it.
    public static func keyID(of ciphertext: Data) -> UInt8? { ciphertext.first }

    private static func associatedData(_ candidateID: Int64) -> Data {
        Data("talentmatch.id-number/1 candidate:\(candidateID)".utf8)
    }
}
