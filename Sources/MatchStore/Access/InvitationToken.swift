import Crypto
import Foundation

/// The secret in a staff invitation's link: 32 random bytes (256 bits) in base64url, 43
/// characters. Only its SHA-256 is stored, so a copy of `staff_invitations` opens nothing.
public struct InvitationToken: Sendable, Equatable {
    public let text: String

    public static func generate() -> InvitationToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return InvitationToken(text: TokenSecret.base64url(Data(bytes)))
    }

    /// Accepts only well-formed tokens, so junk from a link never reaches the database.
    public init?(presented text: String) {
        guard text.count == 43, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        self.text = text
    }

    private init(text: String) {
        self.text = text
    }

    public var hash: Data { Data(SHA256.hash(data: Data(text.utf8))) }
}
