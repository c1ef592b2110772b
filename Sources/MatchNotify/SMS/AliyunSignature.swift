import Crypto
import Foundation

/// Alibaba Cloud's RPC request signature, version 1.0 (HMAC-SHA1), as its Short Message
/// Service documents it:
///
/// 1. every parameter but `Signature`, sorted by name, each name and value percent-encoded
///    (RFC 3986 unreserved characters kept, space as %20, `*` as %2A, `~` kept), joined as
///    `name=value` with `&`: the canonicalized query string;
/// 2. StringToSign = method + "&" + encode("/") + "&" + encode(canonicalized query string);
/// 3. Signature = Base64(HMAC-SHA1(key: AccessKeySecret + "&", StringToSign)).
public enum AliyunSignature {
    public static func sign(_ parameters: [String: String], secret: String, method: String = "POST") -> String {
        let stringToSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(parameters))
        let key = SymmetricKey(data: Array((secret + "&").utf8))
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        return Data(mac).base64EncodedString()
    }

    /// Sorted by name (byte order), encoded, `&`-joined; `Signature` itself left out.
    public static func canonicalQuery(_ parameters: [String: String]) -> String {
        parameters.filter { $0.key != "Signature" }
            .sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .map { percentEncode($0.key) + "=" + percentEncode($0.value) }
            .joined(separator: "&")
    }

    /// RFC 3986: A–Z a–z 0–9 - _ . ~ as they are, every other byte of the UTF-8 as %XY.
    public static func percentEncode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                encoded += String(format: "%%%02X", byte)
            }
        }
        return encoded
    }
}
