import Crypto
import Foundation
import MatchStore
import Testing

@Suite("ID-number keys and sealing")
struct IdentityNumberVaultTests {
    static let number = try! ResidentIdentityNumber("11010519491231002X")
    static let other = try! ResidentIdentityNumber("511921199001011231")

    @Test("a sealed number is the key id, a nonce, the ciphertext and the tag; it opens for its candidate only")
    func sealAndOpen() throws {
        let vault = IdentityNumberVault(keys: .generate())
        let sealed = try vault.seal(Self.number, candidateID: 7)
        #expect(sealed.ciphertext.count == 1 + 12 + 18 + 16 && sealed.ciphertext.first == 1)
        #expect(sealed.ciphertext.range(of: Data(Self.number.digits.utf8)) == nil, "no plain text inside")
        #expect(try vault.open(sealed.ciphertext, candidateID: 7) == Self.number)
        #expect(throws: IdentityNumberVault.Problem.unreadable) { try vault.open(sealed.ciphertext, candidateID: 8) }
        var tampered = sealed.ciphertext
        tampered[20] ^= 1
        #expect(throws: IdentityNumberVault.Problem.unreadable) { try vault.open(tampered, candidateID: 7) }
        #expect(throws: IdentityNumberVault.Problem.unreadable) { try vault.open(Data(), candidateID: 7) }
        // Two seals of one number differ (fresh nonce); their keyed hashes are equal.
        let again = try vault.seal(Self.number, candidateID: 7)
        #expect(again.ciphertext != sealed.ciphertext && again.hash == sealed.hash)
    }

    @Test("the hash is HMAC-SHA-256 of the 18 characters under the hash key, different for another number or key")
    func keyedHash() throws {
        let keys = IdentityNumberKeys.generate()
        let vault = IdentityNumberVault(keys: keys)
        let expected = Data(HMAC<SHA256>.authenticationCode(for: Data("11010519491231002X".utf8), using: keys.hashKey))
        #expect(vault.hash(Self.number) == expected && expected.count == 32)
        #expect(vault.hash(Self.other) != expected)
        #expect(IdentityNumberVault(keys: .generate()).hash(Self.number) != expected)
        #expect(Data(SHA256.hash(data: Data("11010519491231002X".utf8))) != expected, "keyed, not a plain digest anyone can recompute")
    }

    @Test("after rotation the new key seals, the old one still opens what it sealed, and a removed key is named")
    func rotation() throws {
        let first = IdentityNumberKeys.generate()
        let old = try IdentityNumberVault(keys: first).seal(Self.number, candidateID: 3)
        let rotated = try #require(first.addingEncryptionKey())
        #expect(rotated.currentKeyID == 2)
        let vault = IdentityNumberVault(keys: rotated)
        #expect(try vault.open(old.ciphertext, candidateID: 3) == Self.number)
        let new = try vault.seal(Self.number, candidateID: 3)
        #expect(new.ciphertext.first == 2 && new.hash == old.hash, "the hash key did not change")
        let onlyNew = try IdentityNumberKeys(fileText: rotated.fileText.split(separator: "\n").filter { !$0.hasPrefix("encryption-key 1 ") }.joined(separator: "\n"))
        #expect(throws: IdentityNumberVault.Problem.unknownKey(1)) { try IdentityNumberVault(keys: onlyNew).open(old.ciphertext, candidateID: 3) }
        #expect(IdentityNumberVault(keys: rotated.replacingHashKey()).hash(Self.number) != new.hash)
    }

    @Test("the key file round-trips, and a bad one is refused by line without echoing a key")
    func fileText() throws {
        let keys = try #require(IdentityNumberKeys.generate().addingEncryptionKey())
        let parsed = try IdentityNumberKeys(fileText: keys.fileText)
        #expect(parsed.fileText == keys.fileText && parsed.currentKeyID == 2)
        let hash = "hash-key " + Data(repeating: 1, count: 32).base64EncodedString()
        let encryption = "encryption-key 1 " + Data(repeating: 2, count: 32).base64EncodedString()
        let cases: [(String, IdentityNumberKeys.Problem)] = [
            (encryption, .missingHashKey),
            (hash, .missingEncryptionKey),
            ("# comment\n\(hash)\nencryption-key 1 c2hvcnQ=", .wrongKeyLength(line: 3)),
            ("\(hash)\nencryption-key 0 \(Data(count: 32).base64EncodedString())", .invalidKeyID(line: 2)),
            ("\(hash)\n\(encryption)\n\(encryption)", .duplicateKey(line: 3)),
            ("\(hash)\n\(encryption)\nsecret-key x", .malformedLine(3)),
        ]
        for (text, problem) in cases {
            #expect(throws: problem) { try IdentityNumberKeys(fileText: text) }
            #expect(!problem.description.contains("AQEB"), "a key never appears in an error")
        }
    }

    @Test("a key file is created 0600, never overwritten, and refused when other users may read it")
    func keyFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tm-keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/id-number-keys"
        #expect(throws: IdentityNumberKeyFile.Problem.missing(path: path)) { try IdentityNumberKeyFile.load(path: path) }
        let keys = IdentityNumberKeys.generate()
        try IdentityNumberKeyFile.create(path: path, keys: keys)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(try IdentityNumberKeyFile.load(path: path).fileText == keys.fileText)
        #expect(throws: IdentityNumberKeyFile.Problem.alreadyExists(path: path)) { try IdentityNumberKeyFile.create(path: path, keys: .generate()) }
        #expect(try IdentityNumberKeyFile.load(path: path).fileText == keys.fileText, "the refused create changed nothing")
        let rotated = try #require(keys.addingEncryptionKey())
        try IdentityNumberKeyFile.replace(path: path, keys: rotated)
        #expect(try IdentityNumberKeyFile.load(path: path).currentKeyID == 2)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: IdentityNumberKeyFile.Problem.readableByOthers(path: path)) { try IdentityNumberKeyFile.load(path: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        #expect(throws: Never.self, "group read is what a Kubernetes secret mount gives") { try IdentityNumberKeyFile.load(path: path) }
    }
}
