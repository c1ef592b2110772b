/// The single seeded lottery that breaks every tie among candidates (single tie-breaking).
///
/// One random permutation of all candidates is drawn by a Fisher–Yates shuffle driven by
/// `Xoshiro256StarStar(seed:)`; a candidate's lottery number is their position in it. When two
/// candidates have equal scores at a vacancy, the lower lottery number wins, and the same
/// numbers are used at every vacancy, which keeps deferred acceptance strategy-proof.
public struct Lottery: Sendable, Equatable {
    /// The seed that was used, recorded in every result so a run can be replayed.
    public let seed: UInt64
    /// `numbers[c]` is candidate `c`'s position in the permutation: lower wins ties.
    public let numbers: [UInt32]

    public init(seed: UInt64, candidateCount: Int) {
        precondition(candidateCount >= 0 && candidateCount <= Int(UInt32.max), "candidate count out of range")
        self.seed = seed
        var order = [UInt32](unsafeUninitializedCapacity: candidateCount) { buffer, count in
            for index in 0..<candidateCount { buffer[index] = UInt32(index) }
            count = candidateCount
        }
        var generator = Xoshiro256StarStar(seed: seed)
        var index = candidateCount - 1
        while index > 0 {
            let other = Int(generator.uniform(below: UInt64(index + 1)))
            order.swapAt(index, other)
            index -= 1
        }
        var numbers = [UInt32](repeating: 0, count: candidateCount)
        for (position, candidate) in order.enumerated() {
            numbers[Int(candidate)] = UInt32(position)
        }
        self.numbers = numbers
    }
}
