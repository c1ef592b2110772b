/// The vacancy lists transposed to candidates: for each candidate, the vacancies that list
/// them with their rank there, packed `UInt64(rank) << 32 | vacancy`, in vacancy order.
///
/// Why in blocks: a plain counting sort scatters 24M words at random over 192 MB, one cache
/// miss each, and was the bulk of the rank inversion. Here entries are first partitioned by
/// block of `blockSize` candidates (a few hundred sequential write streams), then each
/// block is counting-sorted into a scratch buffer that stays in cache and handed to the
/// caller, candidate by candidate. The fully transposed array never exists, so the extra
/// memory is the partition (8 + 2 bytes per entry) and one block of scratch.
struct RankTranspose {
    static let blockShift = 12
    static let blockSize = 1 << blockShift

    /// `candidateCount + 1` offsets: candidate c's entries are at `start[c] ..< start[c + 1]`
    /// of the (virtual) transposed array; block b occupies the same range of `partition`.
    private let start: [Int32]
    private let partition: [UInt64]
    /// Parallel to `partition`: the candidate's index within its block.
    private let offsetInBlock: [UInt16]

    init(_ instance: MatchInstance) {
        let candidateCount = instance.candidateCount
        let priorities = instance.priorities
        let total = priorities.items.count
        var start = [Int32](repeating: 0, count: candidateCount + 1)
        let blocks = (candidateCount + Self.blockSize - 1) >> Self.blockShift
        var fill = [Int](repeating: 0, count: blocks + 1)
        var partition = [UInt64](unsafeUninitializedCapacity: total) { _, count in count = total }
        var offsetInBlock = [UInt16](unsafeUninitializedCapacity: total) { _, count in count = total }
        priorities.items.withUnsafeBufferPointer { items in
            priorities.starts.withUnsafeBufferPointer { listStart in
                start.withUnsafeMutableBufferPointer { start in
                    for candidate in items { start[Int(candidate) + 1] &+= 1 }
                    for index in 0..<candidateCount { start[index + 1] &+= start[index] }
                    for block in 0..<blocks { fill[block] = Int(start[block << Self.blockShift]) }
                    partition.withUnsafeMutableBufferPointer { partition in
                        offsetInBlock.withUnsafeMutableBufferPointer { offsetInBlock in
                            fill.withUnsafeMutableBufferPointer { fill in
                                for vacancy in 0..<(listStart.count - 1) {
                                    let lower = Int(listStart[vacancy])
                                    for index in lower..<Int(listStart[vacancy + 1]) {
                                        let candidate = Int(items[index])
                                        let block = candidate >> Self.blockShift
                                        let slot = fill[block]
                                        fill[block] = slot + 1
                                        partition[slot] = UInt64(index - lower) << 32 | UInt64(vacancy)
                                        offsetInBlock[slot] = UInt16(truncatingIfNeeded: candidate & (Self.blockSize - 1))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.start = start
        self.partition = partition
        self.offsetInBlock = offsetInBlock
    }

    /// Calls `body(candidate, entries)` for every candidate in increasing order, `entries`
    /// being the packed `(rank, vacancy)` words of the vacancies that list the candidate.
    /// The buffer is only valid during the call.
    func forEachCandidate(_ body: (Int, UnsafeBufferPointer<UInt64>) -> Void) {
        let candidateCount = start.count - 1
        var largest = 0
        for block in stride(from: 0, to: candidateCount, by: Self.blockSize) {
            largest = max(largest, Int(start[min(block + Self.blockSize, candidateCount)] - start[block]))
        }
        var scratch = [UInt64](repeating: 0, count: largest)
        var cursor = [Int32](repeating: 0, count: Self.blockSize + 1)
        start.withUnsafeBufferPointer { start in
            partition.withUnsafeBufferPointer { partition in
                offsetInBlock.withUnsafeBufferPointer { offsetInBlock in
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        cursor.withUnsafeMutableBufferPointer { cursor in
                            for first in stride(from: 0, to: candidateCount, by: Self.blockSize) {
                                let last = min(first + Self.blockSize, candidateCount)
                                let base = Int(start[first])
                                for candidate in first...last { cursor[candidate - first] = start[candidate] - Int32(base) }
                                for slot in base..<Int(start[last]) {
                                    let local = Int(offsetInBlock[slot])
                                    let target = Int(cursor[local])
                                    cursor[local] = Int32(target + 1)
                                    scratch[target] = partition[slot]
                                }
                                for candidate in first..<last {
                                    let lower = Int(start[candidate]) - base
                                    let upper = Int(start[candidate + 1]) - base
                                    body(candidate, UnsafeBufferPointer(rebasing: scratch[lower..<upper]))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
