/// Who holds each vacancy in a matching and at which rank, in compressed rows: what the
/// solver's stability check reads. Built in O(candidates + ranking entries read).
struct VacancySlots {
    struct Holder {
        let candidate: Int32
        /// The vacancy's rank of the holder (0 = best).
        let rank: Int32
    }

    let counts: [Int32]
    /// Per vacancy: the rank of its worst holder, or -1 when it holds nobody.
    let worst: [Int32]
    private let start: [Int]
    private let entries: [Holder]

    init(instance: MatchInstance, ranks: RankTable, assignment: [Int32]) {
        var counts = [Int32](repeating: 0, count: instance.vacancyCount)
        for vacancy in assignment where vacancy >= 0 { counts[Int(vacancy)] += 1 }
        var start = [Int](repeating: 0, count: instance.vacancyCount + 1)
        for vacancy in 0..<instance.vacancyCount { start[vacancy + 1] = start[vacancy] + Int(counts[vacancy]) }
        var fill = start
        var entries = [Holder](repeating: Holder(candidate: -1, rank: -1), count: start[instance.vacancyCount])
        var worst = [Int32](repeating: -1, count: instance.vacancyCount)
        let coupleRanks = Self.coupleMemberRanks(instance: instance, ranks: ranks, assignment: assignment)
        for candidate in 0..<instance.candidateCount {
            let vacancy = Int(assignment[candidate])
            guard vacancy >= 0 else { continue }
            let rank = coupleRanks[candidate] ?? Self.singleRank(instance: instance, ranks: ranks, candidate: candidate, at: vacancy)
            entries[fill[vacancy]] = Holder(candidate: Int32(candidate), rank: rank)
            fill[vacancy] += 1
            worst[vacancy] = max(worst[vacancy], rank)
        }
        self.counts = counts
        self.worst = worst
        self.start = start
        self.entries = entries
    }

    func count(_ vacancy: Int) -> Int { Int(counts[vacancy]) }

    func holders(_ vacancy: Int) -> ArraySlice<Holder> { entries[start[vacancy]..<start[vacancy + 1]] }

    /// A single's rank at the vacancy they hold (found in their ranking), or Int32.max when
    /// they did not rank it (an infeasible matching; never produced by the solver).
    private static func singleRank(instance: MatchInstance, ranks: RankTable, candidate: Int, at vacancy: Int) -> Int32 {
        for index in instance.choices.range(of: candidate) where Int(instance.choices.items[index]) == vacancy {
            return ranks.choiceRank(index) >= 0 ? ranks.choiceRank(index) : Int32.max
        }
        return Int32.max
    }

    /// Couple members' ranks at their vacancies, read at the pair the couple holds.
    private static func coupleMemberRanks(instance: MatchInstance, ranks: RankTable, assignment: [Int32]) -> [Int: Int32] {
        var result: [Int: Int32] = [:]
        for (couple, spec) in instance.couples.enumerated() {
            let first = assignment[Int(spec.first)]
            let second = assignment[Int(spec.second)]
            guard let position = spec.choices.firstIndex(where: { $0.first == first && $0.second == second }) else {
                if first >= 0 { result[Int(spec.first)] = Int32.max }
                if second >= 0 { result[Int(spec.second)] = Int32.max }
                continue
            }
            let base = ranks.coupleStart[couple] + 2 * position
            if first >= 0 { result[Int(spec.first)] = ranks.coupleRank[base] >= 0 ? ranks.coupleRank[base] : Int32.max }
            if second >= 0 { result[Int(spec.second)] = ranks.coupleRank[base + 1] >= 0 ? ranks.coupleRank[base + 1] : Int32.max }
        }
        return result
    }
}
