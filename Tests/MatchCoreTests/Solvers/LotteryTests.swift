import Testing
@testable import MatchCore

@Suite("Lottery and PRNG")
struct LotteryTests {
    @Test("SplitMix64 matches the reference implementation's first output for seed 0")
    func splitMixReferenceVector() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test("xoshiro256** output is frozen: changing it would change every replayed lottery")
    func xoshiroFrozen() {
        var generator = Xoshiro256StarStar(seed: 42)
        let first = (0..<3).map { _ in generator.next() }
        var again = Xoshiro256StarStar(seed: 42)
        #expect(first == (0..<3).map { _ in again.next() })
        #expect(first == FrozenVectors.xoshiroSeed42)
    }

    @Test("The lottery is a permutation and depends only on the seed")
    func permutation() {
        let lottery = Lottery(seed: 7, candidateCount: 1000)
        #expect(Set(lottery.numbers).count == 1000)
        #expect(lottery.numbers.allSatisfy { $0 < 1000 })
        #expect(Lottery(seed: 7, candidateCount: 1000) == lottery)
        #expect(Lottery(seed: 8, candidateCount: 1000) != lottery)
    }
}
