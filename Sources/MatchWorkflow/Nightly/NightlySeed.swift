import Crypto

/// The seed of a what-if on a night that has no committed run yet: derived from the market
/// and the date, so that repeating the what-if repeats its ties. It is never a night's real
/// lottery, which is drawn secretly when rankings freeze (`NightLottery`); a what-if on a
/// night that ran reuses that night's revealed seed instead.
enum NightlySeed {
    static func derive(marketCode: String, date: String) -> UInt64 {
        let digest = SHA256.hash(data: Array("talentmatch.what-if|\(marketCode)|\(date)".utf8))
        return digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
