import Crypto
import Dispatch
import Foundation
import HummingbirdBcrypt

/// bcrypt on a Dispatch queue, so that its deliberate slowness (about a quarter of a second
/// at cost 12) never blocks an event loop or Swift's cooperative threads.
///
/// bcrypt reads at most 72 bytes, so a 64-character Chinese passphrase (192 bytes) would be
/// cut. Every password is first reduced to its SHA-256 in base64 (44 bytes), which keeps
/// all of it significant; what is stored is plain bcrypt of that string.
struct PasswordHasher: Sendable {
    let cost: UInt8
    /// A hash of a random secret, checked when the contact is unknown so that such a log-in
    /// takes as long as a real one.
    private let decoy: String

    static func make(cost: UInt8) async -> PasswordHasher {
        let decoy = await offLoop { Bcrypt.hash(WebSession.randomToken(), cost: cost) }
        return PasswordHasher(cost: cost, decoy: decoy)
    }

    func hash(_ password: String) async -> String {
        let input = Self.prehash(password)
        let cost = cost
        return await Self.offLoop { Bcrypt.hash(input, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async -> Bool {
        let input = Self.prehash(password)
        return await Self.offLoop { Bcrypt.verify(input, hash: hash) }
    }

    func verifyDecoy(_ password: String) async {
        _ = await verify(password, against: decoy)
    }

    static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    private static func offLoop<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
