import Crypto

/// The lottery seed for an office's night: derived from the office code and the date, so a
/// rerun of the same night (after a crash) draws the same lottery and gives the same offers,
/// while different nights draw independently. Recorded with every run.
enum NightlySeed {
    static func derive(officeCode: String, date: String) -> UInt64 {
        let digest = SHA256.hash(data: Array("talentmatch.nightly|\(officeCode)|\(date)".utf8))
        return digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
