/// A night's lottery as it is published: the secret drawn from a cryptographic source when
/// rankings froze, and its commitment, the SHA-256 of the secret's 32 bytes, published at
/// the freeze before any result. The engine's seed is the secret's first 8 bytes read
/// big-endian, so anyone holding the revealed secret can check both the commitment
/// (`sha256sum`) and the seed the results were drawn with (ADR 0031).
///
/// MatchCore checks the shapes and the seed; it has no hash function, so the commitment is
/// checked by the callers that do (the export, `talentmatch solve`).
public struct LotteryReveal: Sendable, Equatable {
    public static let secretBytes = 32

    public let secret: [UInt8]
    /// Lowercase hexadecimal SHA-256 of `secret`, as published.
    public let commitment: String

    /// - Throws: `InputError` at `/lottery/secret` or `/lottery/commitment` for a wrong shape.
    public init(secret: [UInt8], commitment: String) throws(InputError) {
        guard secret.count == Self.secretBytes else {
            throw InputError("/lottery/secret", "the secret is \(Self.secretBytes) bytes (got \(secret.count))")
        }
        guard commitment.utf8.count == 64, commitment.utf8.allSatisfy(Self.isLowercaseHex) else {
            throw InputError("/lottery/commitment", "the commitment is 64 lowercase hexadecimal digits")
        }
        self.secret = secret
        self.commitment = commitment
    }

    /// - Throws: `InputError` at `/lottery/secret` unless `secretHex` is 64 hexadecimal digits.
    public init(secretHex: String, commitment: String) throws(InputError) {
        guard let bytes = Self.bytes(hex: secretHex), bytes.count == Self.secretBytes else {
            throw InputError("/lottery/secret", "the secret is 64 hexadecimal digits")
        }
        try self.init(secret: bytes, commitment: commitment)
    }

    /// The engine's seed: the secret's first 8 bytes, big-endian.
    public var seed: UInt64 {
        secret.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    public var secretHex: String { Self.hex(secret) }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func isLowercaseHex(_ digit: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(digit)
    }
}
