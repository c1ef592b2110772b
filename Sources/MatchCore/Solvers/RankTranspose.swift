/// The vacancy lists transposed to candidates: for each candidate, the vacancies that list
/// them with their rank there, packed `UInt64(rank) << 32 | vacancy`, in vacancy order.
///
/// A counting sort: one pass to count, one to scatter. The scatter is the only random
/// access of the rank inversion, so it writes one packed word per entry rather than two
/// parallel arrays (half the cache misses). Temporary: lives only while `RankTable` builds.
struct RankTranspose {
    /// `candidateCount + 1` offsets into `entries`.
    let start: [Int32]
    let entries: [UInt64]

    init(_ instance: MatchInstance) {
        let candidateCount = instance.candidateCount
        let priorities = instance.priorities
        let total = priorities.items.count
        var start = [Int32](repeating: 0, count: candidateCount + 1)
        var entries = [UInt64](repeating: 0, count: total)
        priorities.items.withUnsafeBufferPointer { items in
            priorities.starts.withUnsafeBufferPointer { listStart in
                start.withUnsafeMutableBufferPointer { start in
                    for candidate in items { start[Int(candidate) + 1] &+= 1 }
                    for index in 0..<candidateCount { start[index + 1] &+= start[index] }
                    // Scatter with `fill[c]` = next free slot of c, kept in `start[c]` and
                    // restored afterwards by shifting (saves a second 4 MB array).
                    entries.withUnsafeMutableBufferPointer { entries in
                        for vacancy in 0..<(listStart.count - 1) {
                            let lower = Int(listStart[vacancy])
                            let upper = Int(listStart[vacancy + 1])
                            for index in lower..<upper {
                                let candidate = Int(items[index])
                                let slot = Int(start[candidate])
                                start[candidate] = Int32(truncatingIfNeeded: slot + 1)
                                entries[slot] = UInt64(index - lower) << 32 | UInt64(vacancy)
                            }
                        }
                    }
                    // Now start[c] is the old start[c + 1]: shift back by one.
                    for index in stride(from: candidateCount, to: 0, by: -1) { start[index] = start[index - 1] }
                    start[0] = 0
                }
            }
        }
        self.start = start
        self.entries = entries
    }
}
