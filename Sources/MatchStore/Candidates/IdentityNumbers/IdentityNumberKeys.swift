import Crypto
import Foundation

/// The secrets that protect ID numbers, kept outside the database (ADR 0022): one HMAC-SHA-256
/// key for the keyed hash that finds duplicates, and AES-256-GCM keys, each with a one-byte
/// id, for the ciphertext that lets the owner read their number back.
///
/// The key with the highest id encrypts; older ones stay only to decrypt what they sealed
/// until `IdentityNumberStore.rekey` has re-sealed it. There is one hash key, because
/// equality only works when every row is hashed with the same key; replacing it means
/// re-hashing every row from its ciphertext, which `rekey` also does.
///
/// The file form is plain text, one key a line, base64 (32 bytes each):
///
///     hash-key BASE64
///     encryption-key 1 BASE64
///     encryption-key 2 BASE64
public struct IdentityNumberKeys: Sendable {
    public let hashKey: SymmetricKey
    public let encryptionKeys: [UInt8: SymmetricKey]

    /// What is wrong with a key file; the line number, never the key.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case malformedLine(Int)
        case wrongKeyLength(line: Int)
        case invalidKeyID(line: Int)
        case duplicateKey(line: Int)
        case missingHashKey
        case missingEncryptionKey

        public var description: String {
            switch self {
            case .malformedLine(let line): "line \(line) is neither 'hash-key BASE64' nor 'encryption-key ID BASE64'"
            case .wrongKeyLength(let line): "line \(line): a key must be 32 bytes, base64-encoded"
            case .invalidKeyID(let line): "line \(line): an encryption key id is a number from 1 to 255"
            case .duplicateKey(let line): "line \(line) repeats a key that an earlier line already gave"
            case .missingHashKey: "there is no 'hash-key' line"
            case .missingEncryptionKey: "there is no 'encryption-key' line"
            }
        }
    }

    /// The id of the key that encrypts from now on.
    public var currentKeyID: UInt8 { encryptionKeys.keys.max() ?? 1 }

    /// New random keys, encryption key id 1 (`talentmatch keys generate`, `demo`, tests).
    public static func generate() -> IdentityNumberKeys {
        IdentityNumberKeys(unchecked: SymmetricKey(size: .bits256), [1: SymmetricKey(size: .bits256)])
    }

    /// The same keys plus a new encryption key with the next id, which encrypts from now on.
    /// Returns nil when id 255 is taken: re-seal everything and start a new file instead.
    public func addingEncryptionKey() -> IdentityNumberKeys? {
        guard currentKeyID < 255 else { return nil }
        var keys = encryptionKeys
        keys[currentKeyID + 1] = SymmetricKey(size: .bits256)
        return IdentityNumberKeys(unchecked: hashKey, keys)
    }

    /// The same keys with a new hash key (rotation after a suspected leak of the old one).
    public func replacingHashKey() -> IdentityNumberKeys {
        IdentityNumberKeys(unchecked: SymmetricKey(size: .bits256), encryptionKeys)
    }

    private init(unchecked hashKey: SymmetricKey, _ encryptionKeys: [UInt8: SymmetricKey]) {
        self.hashKey = hashKey
        self.encryptionKeys = encryptionKeys
    }

    public init(fileText: String) throws(Problem) {
        var hashKey: SymmetricKey?
        var encryptionKeys: [UInt8: SymmetricKey] = [:]
        for (index, rawLine) in fileText.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let fields = rawLine.split(whereSeparator: \.isWhitespace)
            guard let kind = fields.first, !kind.hasPrefix("#") else { continue }
            switch (kind, fields.count) {
            case ("hash-key", 2):
                guard hashKey == nil else { throw .duplicateKey(line: line) }
                hashKey = try Self.key(fields[1], line: line)
            case ("encryption-key", 3):
                guard let id = UInt8(fields[1]), id >= 1 else { throw .invalidKeyID(line: line) }
                guard encryptionKeys[id] == nil else { throw .duplicateKey(line: line) }
                encryptionKeys[id] = try Self.key(fields[2], line: line)
            default:
                throw .malformedLine(line)
            }
        }
        guard let hashKey else { throw .missingHashKey }
        guard !encryptionKeys.isEmpty else { throw .missingEncryptionKey }
        self.init(unchecked: hashKey, encryptionKeys)
    }

    /// The file form, with a header that says what the file is and how to keep it.
    public var fileText: String {
        var lines = [
            "# TalentMatch keys for ID numbers (docs/adr/0022-id-number-keys.md). Keep this file mode 0600",
            "# and back it up apart from the database: without it no stored ID number can be read or matched.",
            "# The encryption key with the highest id encrypts; the others only decrypt older ciphertexts.",
            "hash-key " + Self.base64(hashKey),
        ]
        for (id, key) in encryptionKeys.sorted(by: { $0.key < $1.key }) {
            lines.append("encryption-key \(id) " + Self.base64(key))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func key(_ text: Substring, line: Int) throws(Problem) -> SymmetricKey {
        guard let data = Data(base64Encoded: String(text)), data.count == 32 else { throw .wrongKeyLength(line: line) }
        return SymmetricKey(data: data)
    }

    private static func base64(_ key: SymmetricKey) -> String {
        key.withUnsafeBytes { Data($0).base64EncodedString() }
    }
}
