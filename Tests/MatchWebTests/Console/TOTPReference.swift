import Crypto
import Foundation

/// RFC 6238 written out independently of the server's (HummingbirdOTP), as an authenticator
/// app computes it from the key it was shown: base32-decode the key, HMAC-SHA1 the time step,
/// truncate to six digits. Checked against the RFC's own test vector.
enum TOTPReference {
    static func code(base32Key: String, at date: Date = Date(), digits: Int = 6) -> String {
        let key = decode(base32Key)
        let step = UInt64(date.timeIntervalSince1970) / 30
        let message = withUnsafeBytes(of: step.bigEndian) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let value = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let modulus = UInt32((0..<digits).reduce(1) { result, _ in result * 10 })
        let text = String(value % modulus)
        return String(repeating: "0", count: digits - text.count) + text
    }

    static func decode(_ base32: String) -> Data {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0, buffer = 0
        var bytes: [UInt8] = []
        for character in base32.uppercased() where character != " " && character != "=" {
            guard let index = alphabet.firstIndex(of: character) else { continue }
            buffer = (buffer << 5) | index
            bits += 5
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        return Data(bytes)
    }

    static func encode(_ data: Data) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0, buffer = 0, text = ""
        for byte in data {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                text.append(alphabet[(buffer >> bits) & 0x1F])
            }
        }
        if bits > 0 { text.append(alphabet[(buffer << (5 - bits)) & 0x1F]) }
        return text
    }
}
