@testable import MatchCore

extension RandomInstances {
    /// A random instance (shape as `instance(_:)`) whose first candidates form couples with
    /// distinct random pairs; some pairs place only one member.
    mutating func coupleInstance(_ shape: Shape, couples: ClosedRange<Int> = 1...2, pairs: ClosedRange<Int> = 1...3) throws -> MatchInstance {
        let base = try instance(shape)
        let coupleCount = min(int(couples), base.candidateCount / 2)
        var lists = (0..<base.candidateCount).map { Array(base.choices[$0]) }
        var result: [Couple] = []
        for index in 0..<coupleCount {
            lists[2 * index] = []
            lists[2 * index + 1] = []
            var chosen: [CouplePair] = []
            for _ in 0..<int(pairs) {
                let first = Int32(int(0...base.vacancyCount - 1))
                let second = Int32(int(0...base.vacancyCount - 1))
                let pair = switch int(0...5) {
                case 0: CouplePair(first: first, second: CouplePair.none)
                case 1: CouplePair(first: CouplePair.none, second: second)
                default: CouplePair(first: first, second: second)
                }
                if !chosen.contains(pair) { chosen.append(pair) }
            }
            result.append(Couple(first: Int32(2 * index), second: Int32(2 * index + 1), choices: chosen))
        }
        return try MatchInstance(
            candidateIDs: base.candidateIDs, vacancyIDs: base.vacancyIDs, choices: IndexLists(lists.map { $0 }),
            priorities: base.priorities, capacities: base.capacities, targets: base.targets,
            vacancyRegions: base.vacancyRegions, regions: base.regions, couples: result
        )
    }
}

extension RandomInstances {
    /// Small random markets with couples for exhaustive checks, every other one with caps,
    /// targets and floors.
    static func coupleMarkets(seed: Int, count: Int) throws -> [MatchInstance] {
        var random = RandomInstances(seed: seed)
        return try (0..<count).map { round in
            try random.coupleInstance(.init(candidates: 3...7, vacancies: 2...3, capacity: 1...2, withCaps: round % 2 == 1))
        }
    }

    /// Calls `body` with `samples` random feasible matchings (mostly unstable) of each of
    /// `count` markets from `coupleMarkets`, and the round.
    static func forEachCoupleMatching(seed: Int, count: Int, samples: Int = 3, _ body: (MatchInstance, [Int32], Int) -> Void) throws {
        var random = RandomInstances(seed: seed &+ 1)
        for (round, instance) in try coupleMarkets(seed: seed, count: count).enumerated() {
            let matchings = BruteForce.matchingsWithCouples(instance)
            for _ in 0..<samples { body(instance, matchings[random.int(0...(matchings.count - 1))], round) }
        }
    }
}
