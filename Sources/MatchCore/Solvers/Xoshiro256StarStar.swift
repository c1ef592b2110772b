/// xoshiro256** 1.0 (Blackman & Vigna 2018): the one PRNG behind every lottery in TalentMatch.
///
/// The state is seeded with four successive outputs of `SplitMix64(seed:)`, as the authors
/// recommend. The algorithm is fixed by this file; changing it changes every replayed result,
/// so it is versioned together with the result format (`talentmatch.result/1`).
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    /// A uniform integer in `0..<bound`, by rejection of the biased low range.
    ///
    /// Written out instead of using `Int.random(in:using:)`, whose algorithm the standard
    /// library does not promise to keep stable across releases.
    public mutating func uniform(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "the bound of a uniform draw must be positive")
        let threshold = (0 &- bound) % bound
        while true {
            let draw = next()
            if draw >= threshold { return draw % bound }
        }
    }

    private func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }
}
