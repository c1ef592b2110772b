/// The candidates each vacancy currently holds, as one max-heap per vacancy keyed by rank,
/// so the worst-ranked holder is always on top and a rejection costs O(log seats).
///
/// All heaps live in one flat array (vacancy `v` owns `capacity[v]` slots starting at
/// `start[v]`). An entry packs `rank << 32 | candidate`; ranks are unique per vacancy, so
/// comparing packed entries compares ranks.
struct VacancyHeaps {
    private let start: [Int]
    private(set) var entries: [UInt64]
    private(set) var count: [Int32]

    init(capacities: [Int32]) {
        var start = [Int](repeating: 0, count: capacities.count + 1)
        for (vacancy, capacity) in capacities.enumerated() { start[vacancy + 1] = start[vacancy] + Int(capacity) }
        self.start = start
        entries = [UInt64](repeating: 0, count: start[capacities.count])
        count = [Int32](repeating: 0, count: capacities.count)
    }

    /// Raw access for the round loop of deferred acceptance, where bounds and uniqueness
    /// checks per proposal would cost more than the work itself.
    mutating func withUnsafeStorage<Result>(
        _ body: (UnsafeMutablePointer<UInt64>, UnsafeMutablePointer<Int32>, UnsafePointer<Int>) -> Result
    ) -> Result {
        start.withUnsafeBufferPointer { start in
            count.withUnsafeMutableBufferPointer { count in
                entries.withUnsafeMutableBufferPointer { entries in
                    // Capacities may all be zero; the pointers are never read then.
                    body(entries.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!, count.baseAddress!, start.baseAddress!)
                }
            }
        }
    }

    static func pack(rank: Int32, candidate: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: rank)) << 32 | UInt64(UInt32(bitPattern: candidate))
    }

    static func candidate(of entry: UInt64) -> Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: entry)) }
    static func rank(of entry: UInt64) -> Int32 { Int32(bitPattern: UInt32(truncatingIfNeeded: entry >> 32)) }

    /// The worst-ranked holder. - Precondition: the vacancy holds someone.
    func worst(_ vacancy: Int) -> UInt64 {
        precondition(count[vacancy] > 0, "empty vacancy has no worst holder")
        return entries[start[vacancy]]
    }

    mutating func push(_ vacancy: Int, _ entry: UInt64) {
        let base = start[vacancy]
        var child = Int(count[vacancy])
        precondition(base + child < start[vacancy + 1], "vacancy heap overflow")
        count[vacancy] += 1
        while child > 0 {
            let parent = (child - 1) >> 1
            let above = entries[base + parent]
            if above >= entry { break }
            entries[base + child] = above
            child = parent
        }
        entries[base + child] = entry
    }

    /// Removes and returns the worst holder.
    mutating func popWorst(_ vacancy: Int) -> UInt64 {
        let base = start[vacancy]
        let top = entries[base]
        let last = Int(count[vacancy]) - 1
        count[vacancy] = Int32(last)
        if last > 0 { siftDown(base: base, size: last, hole: 0, entry: entries[base + last]) }
        return top
    }

    /// Puts `entry` in place of the worst holder and returns the holder it displaced.
    mutating func replaceWorst(_ vacancy: Int, _ entry: UInt64) -> UInt64 {
        let base = start[vacancy]
        let top = entries[base]
        siftDown(base: base, size: Int(count[vacancy]), hole: 0, entry: entry)
        return top
    }

    /// Removes `candidate` wherever it sits in the vacancy's heap; false if absent.
    mutating func remove(_ vacancy: Int, candidate: Int32) -> Bool {
        let base = start[vacancy]
        let size = Int(count[vacancy])
        guard let slot = (0..<size).first(where: { Self.candidate(of: entries[base + $0]) == candidate }) else {
            return false
        }
        let last = entries[base + size - 1]
        count[vacancy] = Int32(size - 1)
        if slot < size - 1 {
            // Rebuild is fine: heaps are a handful of seats and removal is rare (couples only).
            entries[base + slot] = last
            for index in stride(from: (size - 2) / 2, through: 0, by: -1) {
                siftDown(base: base, size: size - 1, hole: index, entry: entries[base + index])
            }
        }
        return true
    }

    /// Current holders of a vacancy, in no particular order.
    func holders(_ vacancy: Int) -> ArraySlice<UInt64> {
        entries[start[vacancy]..<(start[vacancy] + Int(count[vacancy]))]
    }

    private mutating func siftDown(base: Int, size: Int, hole: Int, entry: UInt64) {
        var hole = hole
        while true {
            var child = 2 * hole + 1
            if child >= size { break }
            if child + 1 < size, entries[base + child + 1] > entries[base + child] { child += 1 }
            let below = entries[base + child]
            if below <= entry { break }
            entries[base + hole] = below
            hole = child
        }
        entries[base + hole] = entry
    }
}
