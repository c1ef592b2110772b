/// The mutable state of one run of candidate-proposing deferred acceptance, shared by the
/// round-based phase for single candidates and the sequential phase for couples.
///
/// A vacancy outside every capped tree may hold up to its capacity. A vacancy inside one
/// may hold its `limit`, recomputed by `RegionalChoice` whenever the tree's pools change.
/// Lives inside one `MatchEngine.solve` call and is never shared.
struct ProposalEngine {
    let instance: MatchInstance
    let ranks: RankTable
    var heaps: VacancyHeaps
    var choice: RegionalChoice
    /// How many applicants each vacancy may hold right now.
    var limit: [Int32]
    /// Applicants arriving at each capped vacancy in the current step.
    var pending: [Int32]
    /// Per single candidate: index into `choices.items` of their latest proposal.
    var position: [Int32]
    /// The vacancy each candidate is held by, or -1.
    var holder: [Int32]
    var proposals = 0
    var rounds = 0
    /// Zobrist-style hash of the matching, kept only while couples are processed.
    var fingerprint: UInt64 = 0
    var tracking = false

    init(_ instance: MatchInstance, ranks: RankTable) {
        self.instance = instance
        self.ranks = ranks
        heaps = VacancyHeaps(capacities: instance.capacities)
        choice = RegionalChoice(instance)
        limit = instance.capacities
        pending = [Int32](repeating: 0, count: instance.vacancyCount)
        position = instance.choices.starts.dropLast().map { $0 - 1 }
        holder = [Int32](repeating: -1, count: instance.candidateCount)
    }

    /// Moves a single candidate to their next acceptable choice; nil when none is left.
    mutating func advance(_ candidate: Int) -> Int? {
        var index = Int(position[candidate]) + 1
        let end = Int(instance.choices.starts[candidate + 1])
        while index < end, ranks.choiceRank[index] < 0 { index += 1 }
        position[candidate] = Int32(index)
        return index < end ? index : nil
    }

    /// Offers `candidate` to `vacancy` under its current limit. Returns whoever is turned
    /// away: the candidate, a displaced holder, or nil.
    mutating func insert(_ candidate: Int32, at vacancy: Int, rank: Int32) -> Int32? {
        let entry = VacancyHeaps.pack(rank: rank, candidate: candidate)
        let held = heaps.count[vacancy]
        if held < limit[vacancy] {
            heaps.push(vacancy, entry)
            hold(candidate, at: vacancy)
            return nil
        }
        guard held > 0, entry < heaps.worst(vacancy) else { return candidate }
        let out = VacancyHeaps.candidate(of: heaps.replaceWorst(vacancy, entry))
        release(out, from: vacancy)
        hold(candidate, at: vacancy)
        return out
    }

    /// Recomputes a capped tree's limits and turns away holders above them.
    mutating func reallot(tree: Int, rejected: inout [Int32]) {
        choice.allot(tree: tree, held: heaps.count, pending: pending, limit: &limit)
        for vacancy in choice.trees[tree].vacancies {
            let index = Int(vacancy)
            while heaps.count[index] > limit[index] {
                let out = VacancyHeaps.candidate(of: heaps.popWorst(index))
                release(out, from: index)
                rejected.append(out)
            }
        }
    }

    mutating func hold(_ candidate: Int32, at vacancy: Int) {
        holder[Int(candidate)] = Int32(vacancy)
        if tracking { fingerprint ^= Self.mix(candidate, vacancy) }
    }

    mutating func release(_ candidate: Int32, from vacancy: Int) {
        holder[Int(candidate)] = -1
        if tracking { fingerprint ^= Self.mix(candidate, vacancy) }
    }

    static func mix(_ candidate: Int32, _ vacancy: Int) -> UInt64 {
        var mixer = SplitMix64(seed: UInt64(UInt32(bitPattern: candidate)) << 32 | UInt64(UInt32(truncatingIfNeeded: vacancy)))
        return mixer.next()
    }

    /// Deferred acceptance in rounds for single candidates: in each round every free
    /// candidate proposes to their next acceptable vacancy, capped trees that received
    /// proposals are re-allotted once, then each proposal is accepted or rejected.
    mutating func runRounds(free initial: [Int32]) {
        var free = initial
        var next: [Int32] = []
        var batch: [Int32] = []
        var touched: [Int] = []
        var treeTouched = [Bool](repeating: false, count: choice.trees.count)
        while !free.isEmpty {
            rounds += 1
            batch.removeAll(keepingCapacity: true)
            collect(free, into: &batch, touched: &touched, treeTouched: &treeTouched)
            proposals += batch.count
            next.removeAll(keepingCapacity: true)
            for tree in touched { reallot(tree: tree, rejected: &next) }
            apply(batch, rejected: &next)
            for tree in touched {
                treeTouched[tree] = false
                for vacancy in choice.trees[tree].vacancies { pending[Int(vacancy)] = 0 }
            }
            touched.removeAll(keepingCapacity: true)
            swap(&free, &next)
        }
    }

    /// Moves each free candidate to their next acceptable choice and counts arrivals at
    /// capped vacancies.
    private mutating func collect(_ free: [Int32], into batch: inout [Int32], touched: inout [Int], treeTouched: inout [Bool]) {
        let starts = instance.choices.starts
        let items = instance.choices.items
        let treeOf = choice.treeOfVacancy
        let capped = !choice.trees.isEmpty
        ranks.choiceRank.withUnsafeBufferPointer { rank in
            position.withUnsafeMutableBufferPointer { position in
                for candidate in free {
                    let c = Int(candidate)
                    var index = Int(position[c]) + 1
                    let end = Int(starts[c + 1])
                    while index < end, rank[index] < 0 { index += 1 }
                    position[c] = Int32(index)
                    guard index < end else { continue }
                    batch.append(candidate)
                    guard capped else { continue }
                    let vacancy = Int(items[index])
                    let tree = Int(treeOf[vacancy])
                    if tree >= 0 {
                        pending[vacancy] += 1
                        if !treeTouched[tree] { treeTouched[tree] = true; touched.append(tree) }
                    }
                }
            }
        }
    }

    /// Offers every proposal of the round to its vacancy: the hot loop of the solver, on raw
    /// pointers. A vacancy keeps at most `limit` holders, rejecting its worst-ranked one.
    private mutating func apply(_ batch: [Int32], rejected: inout [Int32]) {
        let items = instance.choices.items
        let limit = self.limit
        let position = self.position
        let rank = ranks.choiceRank
        var holder = self.holder
        self.holder = []
        heaps.withUnsafeStorage { entries, count, start in
            holder.withUnsafeMutableBufferPointer { holder in
                for candidate in batch {
                    let index = Int(position[Int(candidate)])
                    let vacancy = Int(items[index])
                    let entry = VacancyHeaps.pack(rank: rank[index], candidate: candidate)
                    let base = entries + start[vacancy]
                    let size = Int(count[vacancy])
                    if size < Int(limit[vacancy]) {
                        Self.siftUp(base, size, entry)
                        count[vacancy] = Int32(size + 1)
                        holder[Int(candidate)] = Int32(vacancy)
                    } else if size > 0, entry < base[0] {
                        let out = VacancyHeaps.candidate(of: base[0])
                        Self.siftDown(base, size, entry)
                        holder[Int(out)] = -1
                        holder[Int(candidate)] = Int32(vacancy)
                        rejected.append(out)
                    } else {
                        rejected.append(candidate)
                    }
                }
            }
        }
        self.holder = holder
    }

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
