/// The fallback's last pass (ADR 0039): while some single, or couple, prefers vacancies that
/// list the members sent there, have a free seat each (a couple's own seats count as given
/// up, a single still holds theirs) and lie in no region whose cap is reached, it moves there.
///
/// A move leaves its agent strictly better off and nobody worse (no one is displaced), so the
/// pass ends; afterwards no agent blocks with a free seat. Used only on a matching that stays
/// unstable: a stable one has no such move.
struct FreeSeatFill {
    private let instance: MatchInstance
    private let ranks: RankTable
    private let coupleOf: [Int32]
    private var counts: [Int]
    private var placed: [Int]
    private var regionsOf: [[Int]]

    init(instance: MatchInstance, ranks: RankTable, assignment: [Int32]) {
        self.instance = instance
        self.ranks = ranks
        coupleOf = instance.coupleIndexByCandidate()
        counts = [Int](repeating: 0, count: instance.vacancyCount)
        placed = [Int](repeating: 0, count: instance.regions.count)
        regionsOf = (0..<instance.vacancyCount).map { vacancy in
            instance.hierarchy.enclosingRegions(ofVacancy: vacancy).filter { instance.regions[$0].cap != nil }
        }
        for vacancy in assignment where vacancy >= 0 { add(Int(vacancy), 1) }
    }

    /// Makes every free-seat move until none is left.
    mutating func fill(_ assignment: inout [Int32]) {
        var changed = true
        while changed {
            changed = false
            for candidate in 0..<instance.candidateCount where coupleOf[candidate] < 0 {
                changed = moveSingle(candidate, &assignment) || changed
            }
            for couple in instance.couples.indices {
                changed = moveCouple(couple, &assignment) || changed
            }
        }
    }

    private mutating func moveSingle(_ candidate: Int, _ assignment: inout [Int32]) -> Bool {
        let current = Int(assignment[candidate])
        for index in instance.choices.range(of: candidate) {
            let vacancy = Int(instance.choices.items[index])
            if vacancy == current { return false }
            guard ranks.choiceRank(index) >= 0, fits([vacancy]) else { continue }
            if current >= 0 { add(current, -1) }
            add(vacancy, 1)
            assignment[candidate] = Int32(vacancy)
            return true
        }
        return false
    }

    private mutating func moveCouple(_ couple: Int, _ assignment: inout [Int32]) -> Bool {
        let spec = instance.couples[couple]
        let seats = [assignment[Int(spec.first)], assignment[Int(spec.second)]]
        let current = spec.choices.firstIndex { $0.first == seats[0] && $0.second == seats[1] } ?? spec.choices.count
        let base = ranks.coupleStart[couple]
        for position in 0..<current {
            let pair = spec.choices[position]
            let targets = [pair.first, pair.second]
            let acceptable = (0..<2).allSatisfy { targets[$0] == CouplePair.none || ranks.coupleRank[base + 2 * position + $0] >= 0 }
            guard acceptable else { continue }
            for seat in seats where seat >= 0 { add(Int(seat), -1) }
            let arriving = targets.filter { $0 != CouplePair.none }.map(Int.init)
            if fits(arriving) {
                for vacancy in arriving { add(vacancy, 1) }
                assignment[Int(spec.first)] = pair.first
                assignment[Int(spec.second)] = pair.second
                return true
            }
            for seat in seats where seat >= 0 { add(Int(seat), 1) }
        }
        return false
    }

    /// Whether the vacancies (one entry per arriving member) have the seats, under every cap.
    private func fits(_ arriving: [Int]) -> Bool {
        var extra: [Int: Int] = [:]
        for vacancy in arriving {
            extra[vacancy, default: 0] += 1
            guard counts[vacancy] + extra[vacancy, default: 0] <= Int(instance.capacities[vacancy]) else { return false }
        }
        var regionExtra: [Int: Int] = [:]
        for vacancy in arriving { for region in regionsOf[vacancy] { regionExtra[region, default: 0] += 1 } }
        return regionExtra.allSatisfy { region, added in placed[region] + added <= instance.regions[region].cap ?? Int.max }
    }

    private mutating func add(_ vacancy: Int, _ delta: Int) {
        counts[vacancy] += delta
        for region in regionsOf[vacancy] { placed[region] += delta }
    }
}
