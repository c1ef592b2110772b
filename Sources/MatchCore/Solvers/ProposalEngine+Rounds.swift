/// Deferred acceptance in rounds for single candidates: in each round every free candidate
/// proposes to their next acceptable vacancy, capped trees that received proposals are
/// re-allotted once, then each proposal is accepted or rejected.
///
/// Within a round the order of proposals does not change the outcome (each vacancy keeps
/// the best `limit` of its holders and newcomers, and `limit` is fixed for the round), so
/// proposers go in increasing candidate order: the loop then walks the per-candidate arrays
/// forwards. Holders are not tracked per proposal; `holder` is rebuilt from the heaps at
/// the end, which saves a scattered write per rejection.
extension ProposalEngine {
    mutating func runRounds(free initial: [Int32]) {
        var free = initial.sorted()
        var rejected = CandidateBitmap(count: instance.candidateCount)
        var batch = ProposalBatch()
        var spilled: [Int32] = []
        var touched: [Int] = []
        var treeTouched = [Bool](repeating: false, count: choice.trees.count)
        let capped = !choice.trees.isEmpty
        while !free.isEmpty {
            rounds += 1
            if capped {
                batch.removeAll()
                collect(free, into: &batch, touched: &touched, treeTouched: &treeTouched)
                proposals += batch.candidates.count
                spilled.removeAll(keepingCapacity: true)
                for tree in touched { reallot(tree: tree, rejected: &spilled) }
                for candidate in spilled { rejected.insert(candidate) }
                offer(batch, rejected: &rejected)
                for tree in touched {
                    treeTouched[tree] = false
                    for vacancy in choice.trees[tree].vacancies { pending[Int(vacancy)] = 0 }
                }
                touched.removeAll(keepingCapacity: true)
            } else {
                propose(free, rejected: &rejected)
            }
            rejected.drain(into: &free)
        }
        rebuildHolders()
    }

    /// Sets `holder` from the heaps' contents.
    mutating func rebuildHolders() {
        for index in holder.indices { holder[index] = -1 }
        for vacancy in 0..<instance.vacancyCount {
            for entry in heaps.holders(vacancy) { holder[Int(VacancyHeaps.candidate(of: entry))] = Int32(vacancy) }
        }
    }

    /// Moves each free candidate to their next acceptable choice, records the proposal in
    /// `batch` (so `offer` need not look it up again) and counts arrivals at capped vacancies.
    private mutating func collect(_ free: [Int32], into batch: inout ProposalBatch, touched: inout [Int], treeTouched: inout [Bool]) {
        let starts = instance.choices.starts
        let treeOf = choice.treeOfVacancy
        ranks.choicePairs.withUnsafeBufferPointer { pairs in
            position.withUnsafeMutableBufferPointer { position in
                pending.withUnsafeMutableBufferPointer { pending in
                    starts.withUnsafeBufferPointer { starts in
                        treeOf.withUnsafeBufferPointer { treeOf in
                            for candidate in free {
                                let c = Int(candidate)
                                var index = Int(position[c]) + 1
                                let end = Int(starts[c + 1])
                                while index < end, pairs[index] >> 63 != 0 { index += 1 }
                                position[c] = Int32(truncatingIfNeeded: index)
                                guard index < end else { continue }
                                let pair = pairs[index]
                                batch.append(pair, candidate)
                                let vacancy = Int(UInt32(truncatingIfNeeded: pair))
                                let tree = Int(treeOf[vacancy])
                                if tree >= 0 {
                                    pending[vacancy] += 1
                                    if !treeTouched[tree] { treeTouched[tree] = true; touched.append(tree) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The hot loop of the uncapped solver, on raw pointers: moves each free candidate to
    /// their next acceptable choice (skipping those with none left) and offers it at once.
    private mutating func propose(_ proposers: [Int32], rejected: inout CandidateBitmap) {
        let limit = self.limit
        let starts = instance.choices.starts
        let pairs = ranks.choicePairs
        var made = 0
        heaps.withUnsafeStorage { entries, count, start in
            position.withUnsafeMutableBufferPointer { position in
                starts.withUnsafeBufferPointer { starts in
                    pairs.withUnsafeBufferPointer { pairs in
                        limit.withUnsafeBufferPointer { limit in
                            rejected.withUnsafeWords { bits in
                                for candidate in proposers {
                                    let c = Int(candidate)
                                    var index = Int(position[c]) + 1
                                    let end = Int(starts[c + 1])
                                    while index < end, pairs[index] >> 63 != 0 { index += 1 }
                                    position[c] = Int32(truncatingIfNeeded: index)
                                    guard index < end else { continue }
                                    made += 1
                                    Self.offer(pairs[index], candidate, entries, count, start, limit.baseAddress.unsafelyUnwrapped, bits)
                                }
                            }
                        }
                    }
                }
            }
        }
        proposals += made
    }

    /// Offers the proposals `collect` recorded (capped trees: limits already re-allotted).
    private mutating func offer(_ batch: ProposalBatch, rejected: inout CandidateBitmap) {
        let limit = self.limit
        heaps.withUnsafeStorage { entries, count, start in
            limit.withUnsafeBufferPointer { limit in
                rejected.withUnsafeWords { bits in
                    for (pair, candidate) in zip(batch.pairs, batch.candidates) {
                        Self.offer(pair, candidate, entries, count, start, limit.baseAddress.unsafelyUnwrapped, bits)
                    }
                }
            }
        }
    }

    /// One proposal: the vacancy keeps at most `limit` holders, rejecting its worst-ranked.
    /// - Precondition: `pair` is an acceptable choice pair of `candidate` (rank ≥ 0) and
    ///   the pointers are the engine's heap storage, limits and rejection bitmap.
    @inline(__always)
    private static func offer(
        _ pair: UInt64, _ candidate: Int32, _ entries: UnsafeMutablePointer<UInt64>, _ count: UnsafeMutablePointer<Int32>,
        _ start: UnsafePointer<Int>, _ limit: UnsafePointer<Int32>, _ bits: UnsafeMutablePointer<UInt64>
    ) {
        let vacancy = Int(UInt32(truncatingIfNeeded: pair))
        let entry = pair & 0xFFFF_FFFF_0000_0000 | UInt64(UInt32(bitPattern: candidate))
        let base = entries + start[vacancy]
        let size = Int(count[vacancy])
        if size < Int(limit[vacancy]) {
            siftUp(base, size, entry)
            count[vacancy] = Int32(truncatingIfNeeded: size + 1)
        } else if size > 0, entry < base[0] {
            let out = VacancyHeaps.candidate(of: base[0])
            siftDown(base, size, entry)
            CandidateBitmap.insert(out, into: bits)
        } else {
            CandidateBitmap.insert(candidate, into: bits)
        }
    }

    @inline(__always)
    private static func siftUp(_ heap: UnsafeMutablePointer<UInt64>, _ size: Int, _ entry: UInt64) {
        var child = size
        while child > 0 {
            let parent = (child - 1) >> 1
            if heap[parent] >= entry { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = entry
    }

    @inline(__always)
    private static func siftDown(_ heap: UnsafeMutablePointer<UInt64>, _ size: Int, _ entry: UInt64) {
        var hole = 0
        while true {
            var child = 2 * hole + 1
            if child >= size { break }
            if child + 1 < size, heap[child + 1] > heap[child] { child += 1 }
            if heap[child] <= entry { break }
            heap[hole] = heap[child]
            hole = child
        }
        heap[hole] = entry
    }
}
