/// The verifier's own answer to "where does vacancy v rank candidate c?": each vacancy's
/// list re-sorted by candidate and searched by bisection. Deliberately not the solver's
/// rank table, so that a bug there cannot hide here.
struct PriorityLookup {
    private let start: [Int]
    private let keys: [UInt64]

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
