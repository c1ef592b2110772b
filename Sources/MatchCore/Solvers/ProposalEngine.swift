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
        while index < end, ranks.choiceRank(index) < 0 { index += 1 }
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
}
