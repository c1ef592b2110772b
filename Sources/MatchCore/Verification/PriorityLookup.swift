/// The verifier's own answer to "where does vacancy v rank candidate c?": each vacancy's
/// list re-sorted by candidate, then searched by bisection, or walked by a per-vacancy
/// cursor when candidates are visited in increasing order (a merge join, O(1) amortised).
/// Deliberately not the solver's rank table, so that a bug there cannot hide here.
struct PriorityLookup {
    private let start: [Int]
    private let keys: [UInt64]
    private var cursor: [Int]

    init(_ instance: MatchInstance) {
        let priorities = instance.priorities
        var start = [Int](repeating: 0, count: instance.vacancyCount + 1)
        var keys = [UInt64](repeating: 0, count: priorities.items.count)
        for vacancy in 0..<instance.vacancyCount {
            let range = priorities.range(of: vacancy)
            start[vacancy + 1] = range.upperBound
            for index in range {
                let rank = UInt64(index - range.lowerBound)
                keys[index] = UInt64(UInt32(bitPattern: priorities.items[index])) << 32 | rank
            }
            keys[range].sort()
        }
        self.start = start
        self.keys = keys
        cursor = Array(start.dropLast())
    }

    /// Like `rank(of:at:)`, for passes that visit each vacancy with non-decreasing candidates.
    /// - Precondition: since the last `rewind()`, no smaller candidate was asked at this vacancy.
    mutating func sequentialRank(of candidate: Int, at vacancy: Int) -> Int? {
        let end = start[vacancy + 1]
        let wanted = UInt64(UInt32(candidate))
        var position = cursor[vacancy]
        while position < end, keys[position] >> 32 < wanted { position += 1 }
        cursor[vacancy] = position
        guard position < end, keys[position] >> 32 == wanted else { return nil }
        return Int(keys[position] & 0xFFFF_FFFF)
    }

    /// Restarts every cursor for a new increasing pass.
    mutating func rewind() {
        cursor = Array(start.dropLast())
    }

    /// Rank of `candidate` at `vacancy` (0 = best), or nil when the vacancy does not list them.
    func rank(of candidate: Int, at vacancy: Int) -> Int? {
        var low = start[vacancy]
        var high = start[vacancy + 1]
        let wanted = UInt64(UInt32(candidate))
        while low < high {
            let middle = (low + high) / 2
            let found = keys[middle] >> 32
            if found == wanted { return Int(keys[middle] & 0xFFFF_FFFF) }
            if found < wanted { low = middle + 1 } else { high = middle }
        }
        return nil
    }
}
