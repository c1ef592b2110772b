/// Bounded exhaustive search for a stable matching of a small market with couples (ADR 0039).
///
/// Every agent tries each of its acceptable options, best first, and then "unplaced", within
/// capacities and caps; each complete matching is checked by `StabilityCheck`. Among the
/// stable matchings it keeps the one that places candidates highest in total (the sum of their
/// positions: a single's place in their ranking, each couple member's pair position), the
/// first found on ties; branches that cannot beat it are cut. The search stops after `budget`
/// nodes; only a search that ran to the end proves that no stable matching exists.
struct ExactSearch {
    struct Result {
        /// The best stable matching found, in the instance's numbering.
        var best: [Int32]?
        /// Whether every matching was considered (so `best == nil` means none is stable).
        var complete: Bool
        var nodes: Int
    }

    private typealias Option = (placements: [(candidate: Int, vacancy: Int)], cost: Int)

    private let instance: MatchInstance
    private let ranks: RankTable
    private let choice: RegionalChoice
    private let agents: [[Option]]
    private let capsOf: [[Int]]
    private var assignment: [Int32]
    private var counts: [Int]
    private var placed: [Int]
    private var cost = 0
    private var nodes = 0
    private let budget: Int
    private var best: (assignment: [Int32], cost: Int)?

    static func search(_ instance: MatchInstance, budget: Int) -> Result {
        var search = ExactSearch(instance, budget: budget)
        search.visit(0)
        return Result(best: search.best?.assignment, complete: search.nodes <= budget, nodes: search.nodes)
    }

    private init(_ instance: MatchInstance, budget: Int) {
        self.instance = instance
        ranks = RankTable(instance)
        choice = RegionalChoice(instance)
        agents = Self.options(instance, ranks: ranks)
        capsOf = (0..<instance.vacancyCount).map { vacancy in
            instance.hierarchy.enclosingRegions(ofVacancy: vacancy).filter { instance.regions[$0].cap != nil }
        }
        assignment = [Int32](repeating: -1, count: instance.candidateCount)
        counts = [Int](repeating: 0, count: instance.vacancyCount)
        placed = [Int](repeating: 0, count: instance.regions.count)
        self.budget = budget
    }

    /// Couples first (their options are few and bind two seats), then singles; each agent's
    /// acceptable options best first, then "unplaced".
    private static func options(_ instance: MatchInstance, ranks: RankTable) -> [[Option]] {
        var agents: [[Option]] = []
        for (couple, spec) in instance.couples.enumerated() {
            var options: [Option] = []
            let base = ranks.coupleStart[couple]
            for (position, pair) in spec.choices.enumerated() {
                let targets = [(Int(spec.first), pair.first, ranks.coupleRank[base + 2 * position]),
                               (Int(spec.second), pair.second, ranks.coupleRank[base + 2 * position + 1])]
                    .filter { $0.1 != CouplePair.none }
                guard targets.allSatisfy({ $0.2 >= 0 }) else { continue }
                options.append((targets.map { ($0.0, Int($0.1)) }, 2 * position))
            }
            agents.append(options + [([], 2 * spec.choices.count)])
        }
        let coupleOf = instance.coupleIndexByCandidate()
        for candidate in 0..<instance.candidateCount where coupleOf[candidate] < 0 {
            let range = instance.choices.range(of: candidate)
            guard !range.isEmpty else { continue }
            let options: [Option] = range.filter { ranks.choiceRank($0) >= 0 }.map { index in
                ([(candidate, Int(instance.choices.items[index]))], index - range.lowerBound)
            }
            agents.append(options + [([], range.count)])
        }
        return agents
    }

    private mutating func visit(_ agent: Int) {
        nodes += 1
        guard nodes <= budget else { return }
        if let best, cost >= best.cost { return }
        guard agent < agents.count else {
            var check = StabilityCheck(instance: instance, ranks: ranks, choice: choice, assignment: assignment)
            if check.isStable() { best = (assignment, cost) }
            return
        }
        for option in agents[agent] where fits(option.placements) {
            move(option.placements, by: 1)
            cost += option.cost
            visit(agent + 1)
            cost -= option.cost
            move(option.placements, by: -1)
            if nodes > budget { return }
        }
    }

    private func fits(_ placements: [(candidate: Int, vacancy: Int)]) -> Bool {
        var counts = counts
        var placed = placed
        for (_, vacancy) in placements {
            counts[vacancy] += 1
            guard counts[vacancy] <= Int(instance.capacities[vacancy]) else { return false }
            for region in capsOf[vacancy] {
                placed[region] += 1
                guard placed[region] <= instance.regions[region].cap ?? Int.max else { return false }
            }
        }
        return true
    }

    private mutating func move(_ placements: [(candidate: Int, vacancy: Int)], by step: Int) {
        for (candidate, vacancy) in placements {
            counts[vacancy] += step
            for region in capsOf[vacancy] { placed[region] += step }
            assignment[candidate] = step > 0 ? Int32(vacancy) : -1
        }
    }
}
