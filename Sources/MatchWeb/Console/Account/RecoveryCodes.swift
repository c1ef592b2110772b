import Crypto
import Foundation

/// One-time recovery codes: ten codes of ten characters (about 50 bits each) from an alphabet
/// without look-alikes, shown once when the authenticator is enrolled. Only their SHA-256 is
/// stored; a code is typed in any case, with or without its dash.
enum RecoveryCodes {
    static let count = 10
    private static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    static func generate() -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            let characters = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            return String(characters[0..<5]) + "-" + String(characters[5...])
        }
    }

    /// The hash of a typed code, normalised; nil when it cannot be a code.
    static func hash(_ typed: String) -> Data? {
        let normalised = typed.lowercased().filter { $0 != "-" && !$0.isWhitespace }
        guard normalised.count == 10, normalised.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return Data(SHA256.hash(data: Data(normalised.utf8)))
    }
}
