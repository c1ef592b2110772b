import Foundation
import HummingbirdOTP

/// Staff's second factor: TOTP (RFC 6238: HMAC-SHA1, six digits, 30-second steps, what every
/// authenticator app expects), computed by hummingbird-auth's HummingbirdOTP.
///
/// A code is accepted for the current step and one step either side (RFC 6238 §5.2's allowed
/// drift), and each step once: the store remembers the last step used.
struct StaffTOTP: Sendable {
    static let timeStep = 30
    static let issuer = "TalentMatch"
    /// Base32's alphabet: the secret is 32 of these characters, whose UTF-8 bytes are the HMAC
    /// key (HummingbirdOTP keys HMAC with the secret string's bytes), 160 bits of randomness.
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    let secret: String

    static func generate() -> StaffTOTP {
        var generator = SystemRandomNumberGenerator()
        return StaffTOTP(secret: String((0..<32).map { _ in alphabet[Int.random(in: 0..<32, using: &generator)] }))
    }

    /// The `otpauth://` link an authenticator app reads from the QR code.
    func authenticatorURL(login: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "\(Self.issuer):\(login)", issuer: Self.issuer)
    }

    /// The key as an app asks for it when typed in (base32 of the HMAC key's bytes), in groups of four.
    func typedKey(login: String) -> String {
        let url = authenticatorURL(login: login)
        let key = URLComponents(string: url)?.queryItems?.first { $0.name == "secret" }?.value ?? ""
        return stride(from: 0, to: key.count, by: 4).map { start in
            let from = key.index(key.startIndex, offsetBy: start)
            return String(key[from..<(key.index(from, offsetBy: 4, limitedBy: key.endIndex) ?? key.endIndex)])
        }.joined(separator: " ")
    }

    /// The time step whose code `typed` is, within one step of `now`; nil when it is none.
    func step(matching typed: String, now: Date = Date()) -> Int64? {
        let digits = typed.filter { !$0.isWhitespace }
        guard digits.count == 6, let value = Int(digits), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let current = Int64(now.timeIntervalSince1970) / Int64(Self.timeStep)
        let totp = TOTP(secret: secret, timeStep: Self.timeStep)
        return [current - 1, current, current + 1].first { step in
            totp.compute(date: Date(timeIntervalSince1970: Double(step * Int64(Self.timeStep)))) == value
        }
    }
}
