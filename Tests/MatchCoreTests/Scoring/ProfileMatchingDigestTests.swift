import Testing
@testable import MatchCore

@Suite("Profile priorities unchanged by the fast scoring path")
struct ProfileMatchingDigestTests {
    /// FNV-1a over every market's priority lists and scores (bit patterns), as computed by the
    /// allocating `Eligibility`/`Scorer` path before ADR 0014. The fast path must not move a bit.
    static let frozen: UInt64 = 0x437D_10D3_3FE7_3856

    static func digest() throws -> (digest: UInt64, eligible: Int, ranked: Int) {
        var (eligible, ranked) = (0, 0)
        var digest: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ value: UInt64) { digest = (digest ^ value) &* 0x0000_0100_0000_01B3 }
        for seed in 0..<40 {
            var random = RandomProfiles(seed: seed)
            let market = try random.market(candidates: random.int(1...120), vacancies: random.int(1...25))
            let document = try ProfileMatching.instance(
                candidates: market.candidates, vacancies: market.vacancies, policy: random.policy(),
                couples: market.couples, seed: UInt64(seed)
            )
            eligible += document.instance.priorities.items.count
            ranked += document.instance.choices.items.count
            for start in document.instance.priorities.starts { mix(UInt64(UInt32(bitPattern: start))) }
            for item in document.instance.priorities.items { mix(UInt64(UInt32(bitPattern: item))) }
            for score in document.instance.priorityScores { mix(score.bitPattern) }
        }
        return (digest, eligible, ranked)
    }

    @Test("ProfileMatching.instance gives the frozen priorities and scores on random markets")
    func frozenDigest() throws {
        let (digest, eligible, ranked) = try Self.digest()
        #expect(digest == Self.frozen, "digest \(String(digest, radix: 16))")
        // The markets exercise both outcomes, not just one.
        #expect(eligible > 0 && eligible < ranked, "\(eligible) of \(ranked) ranked pairs eligible")
    }
}
