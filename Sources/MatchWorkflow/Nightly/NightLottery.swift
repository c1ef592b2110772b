import Crypto
import MatchCore

/// The night's lottery (ADR 0031): a secret of 32 bytes from the system's cryptographic
/// random source, drawn when rankings freeze, and its commitment, the SHA-256 of those bytes,
/// published at once. Nobody can compute the tie-breaks before the secret is revealed with
/// the results, and anyone can then check it: `sha256(secret) == commitment`, and the seed
/// the results were drawn with is the secret's first 8 bytes.
enum NightLottery {
    static func draw() throws -> LotteryReveal {
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return try LotteryReveal(secret: secret, commitment: commitment(of: secret))
    }

    static func commitment(of secret: [UInt8]) -> String {
        LotteryReveal.hex(Array(SHA256.hash(data: secret)))
    }

    /// Whether a revealed lottery is the one its commitment promised.
    static func isKept(_ lottery: LotteryReveal) -> Bool {
        commitment(of: lottery.secret) == lottery.commitment
    }
}
