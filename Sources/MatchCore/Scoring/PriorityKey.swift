/// How a vacancy's eligible pair is packed into one `UInt64` whose ascending order is the
/// priority order: higher score first, then lower lottery number (`PairAssessment.order`).
///
/// When the scaled scores, the lottery numbers and the candidate indices fit in 64 bits
/// together (1M candidates take 20 + 20 bits, leaving 24 for scores up to 1,677.7215 — every
/// score is ≤ 100), the candidate rides along in the low bits and decoding needs no lookup.
/// Otherwise the key holds `(scoreBias − scaled) << 32 | lottery` and the candidate is
/// recovered through the lottery's inverse permutation.
struct PriorityKey: Sendable {
    /// Bits per candidate index and per lottery number; 0 when the candidate is not packed.
    let candidateBits: UInt64
    /// The largest regular scaled score, or `PriorityBuilder.scoreBias` when not packed.
    let top: UInt32

    /// - Precondition: `largest` ≤ `PriorityBuilder.scoreBias`.
    init(candidates: Int, largest: UInt32) {
        precondition(largest <= PriorityBuilder.scoreBias, "scaled scores fit in 31 bits")
        let bits = UInt64(max(1, Int.bitWidth - max(candidates - 1, 0).leadingZeroBitCount))
        let scoreBits = UInt64(UInt32.bitWidth - largest.leadingZeroBitCount)
        if 2 * bits + scoreBits <= 64 {
            candidateBits = bits
            top = largest
        } else {
            candidateBits = 0
            top = PriorityBuilder.scoreBias
        }
    }

    var packsCandidate: Bool { candidateBits > 0 }

    /// The key of a pair; an irregular mark's score bits are meaningless (wrapping), its
    /// lottery and candidate bits intact.
    @inline(__always)
    func key(candidate: Int32, lottery: UInt32, mark: UInt32) -> UInt64 {
        let score = UInt64(top &- mark)
        guard packsCandidate else { return score << 32 | UInt64(lottery) }
        return score << (2 * candidateBits) | UInt64(lottery) << candidateBits | UInt64(UInt32(bitPattern: candidate))
    }

    /// The candidate of a key; `drawn` is the lottery's inverse, needed only when not packed.
    @inline(__always)
    func candidate(_ key: UInt64, drawn: UnsafeBufferPointer<Int32>) -> Int32 {
        packsCandidate ? Int32(truncatingIfNeeded: key & ((1 << candidateBits) - 1)) : drawn[Int(key & 0xFFFF_FFFF)]
    }

    /// The score of a regular key, as `Scorer.rounded` gives it.
    @inline(__always)
    func score(_ key: UInt64) -> Double {
        let shift = packsCandidate ? 2 * candidateBits : 32
        return Double(top &- UInt32(truncatingIfNeeded: key >> shift)) / 10_000
    }
}
