/// A set of candidate indices as one bit per candidate: the candidates rejected in a round
/// of deferred acceptance, who propose again in the next.
///
/// Why a bitmap and not a list: draining it yields the next round's proposers in increasing
/// index order, so the proposal loop walks the per-candidate arrays (positions, list
/// starts, choice pairs) forwards instead of at random. It costs one word read per 64
/// candidates per round (15,625 words for 1M candidates).
struct CandidateBitmap {
    private var words: [UInt64]

    init(count: Int) {
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    mutating func insert(_ candidate: Int32) {
        words[Int(candidate) >> 6] |= 1 << UInt64(candidate & 63)
    }

    /// Raw access for hot loops.
    /// - Precondition: only indices below the `count` given at initialisation are inserted.
    mutating func withUnsafeWords<Result>(_ body: (UnsafeMutablePointer<UInt64>) -> Result) -> Result {
        words.withUnsafeMutableBufferPointer { words in
            // A zero-candidate bitmap has no storage; no candidate can be inserted then.
            body(words.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!)
        }
    }

    @inline(__always)
    static func insert(_ candidate: Int32, into words: UnsafeMutablePointer<UInt64>) {
        words[Int(candidate) >> 6] |= 1 << UInt64(candidate & 63)
    }

    /// Replaces `list` by the members in increasing order and empties the set.
    mutating func drain(into list: inout [Int32]) {
        list.removeAll(keepingCapacity: true)
        words.withUnsafeMutableBufferPointer { words in
            for index in words.indices where words[index] != 0 {
                var word = words[index]
                words[index] = 0
                while word != 0 {
                    list.append(Int32(truncatingIfNeeded: index << 6 | word.trailingZeroBitCount))
                    word &= word - 1
                }
            }
        }
    }
}
