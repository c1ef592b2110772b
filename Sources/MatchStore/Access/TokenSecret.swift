import Crypto
import Foundation

/// A token's secret: `tm_` and 32 random bytes (256 bits) in base64url. Only its SHA-256
/// hash is stored, so a leaked table reveals no usable token.
public struct TokenSecret: Sendable, Equatable {
    public let text: String

    static let prefix = "tm_"

    /// A fresh secret from the system's cryptographic random source.
    public static func generate() -> TokenSecret {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return TokenSecret(text: prefix + Self.base64url(Data(bytes)))
    }

    /// Accepts only well-formed secrets, so junk never reaches the database.
    public init?(presented text: String) {
        guard text.count == Self.prefix.count + 43, text.hasPrefix(Self.prefix),
              text.dropFirst(Self.prefix.count).allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        self.text = text
    }

    private init(text: String) {
        self.text = text
    }

    public var hash: Data { Data(SHA256.hash(data: Data(text.utf8))) }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
