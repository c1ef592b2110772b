import Crypto

/// SHA-256 as lowercase hex: how a migration's checksum, an imported file and a run's
/// snapshot are fingerprinted, spelled once.
public enum Digest {
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        var text = ""
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0f)])
        }
        return text
    }

    public static func sha256Hex(_ text: String) -> String {
        sha256Hex(Array(text.utf8))
    }

    private static let hexDigits = Array("0123456789abcdef")
}
