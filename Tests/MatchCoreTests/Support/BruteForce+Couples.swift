@testable import MatchCore

/// Exhaustive oracles for small instances with couples, regional caps and floors, written
/// from the definitions in docs/matching.md ("Stability with couples") and sharing nothing
/// with the solvers. The regional choice itself (how many seats a capped vacancy gets for
/// given applicant counts) is the verifier's statement, `AllotmentOracle`.
extension BruteForce {
    /// Every feasible matching: singles at a vacancy both sides list, or unplaced; couples at
    /// a pair they listed whose vacancies list the members sent there, or both unplaced;
    /// within capacities and caps.
    static func matchingsWithCouples(_ instance: MatchInstance) -> [[Int32]] {
        let market = CoupleMarket(instance)
        var agents: [[[(candidate: Int, vacancy: Int32)]]] = []
        for candidate in 0..<instance.candidateCount where market.coupleOf[candidate] < 0 {
            agents.append([[]] + instance.choices[candidate].filter { market.rank(candidate, Int($0)) != nil }.map { [(candidate, $0)] })
        }
        for couple in instance.couples {
            var options: [[(candidate: Int, vacancy: Int32)]] = [[]]
            for pair in couple.choices {
                let placed = zip([Int(couple.first), Int(couple.second)], [pair.first, pair.second]).filter { $0.1 >= 0 }
                if placed.allSatisfy({ market.rank($0.0, Int($0.1)) != nil }) { options.append(placed.map { ($0.0, $0.1) }) }
            }
            agents.append(options)
        }
        var result: [[Int32]] = []
        var current = [Int32](repeating: -1, count: instance.candidateCount)
        func extend(_ agent: Int) {
            guard agent < agents.count else {
                if market.isFeasible(current) { result.append(current) }
                return
            }
            for option in agents[agent] {
                for (candidate, vacancy) in option { current[candidate] = vacancy }
                extend(agent + 1)
                for (candidate, _) in option { current[candidate] = -1 }
            }
        }
        extend(0)
        return result
    }

    /// Stability with couples in the matching-with-contracts form: no single and vacancy, and
    /// no couple and listed pair, such that the agent prefers the move and every vacancy
    /// involved would choose the newcomer from its holders and newcomers (a couple's own
    /// current seats count as given up).
    static func isStableWithCouples(_ matching: [Int32], _ instance: MatchInstance) -> Bool {
        singleBlockingPairs(matching, instance).isEmpty && coupleBlockingPairs(matching, instance).isEmpty
    }

    /// Singles and vacancies that block, in candidate then ranking order.
    static func singleBlockingPairs(_ matching: [Int32], _ instance: MatchInstance) -> [(candidate: Int, vacancy: Int)] {
        let market = CoupleMarket(instance)
        var pairs: [(candidate: Int, vacancy: Int)] = []
        for candidate in 0..<instance.candidateCount where market.coupleOf[candidate] < 0 {
            for vacancy in instance.choices[candidate] {
                if vacancy == matching[candidate] { break }
                if market.admits([(candidate, Int(vacancy))], leaving: [], matching) { pairs.append((candidate, Int(vacancy))) }
            }
        }
        return pairs
    }

    /// Couples and the pairs they rank above their own that block, in couple then ranking order.
    static func coupleBlockingPairs(_ matching: [Int32], _ instance: MatchInstance) -> [(couple: Int, pair: CouplePair)] {
        let market = CoupleMarket(instance)
        var pairs: [(couple: Int, pair: CouplePair)] = []
        for (index, couple) in instance.couples.enumerated() {
            let members = [Int(couple.first), Int(couple.second)]
            for pair in couple.choices {
                if pair.first == matching[members[0]], pair.second == matching[members[1]] { break }
                let moves = zip(members, [pair.first, pair.second]).filter { $0.1 >= 0 }.map { ($0.0, Int($0.1)) }
                if market.admits(moves, leaving: members, matching) { pairs.append((index, pair)) }
            }
        }
        return pairs
    }

    /// Moves that fill a seat nobody has to give up: a single, or a couple, prefers vacancies
    /// that list the members sent there, have a free seat each (after the couple's own seats
    /// are given up) and lie in no region whose cap is reached. Never allowed in a result.
    static func freeSeatMoves(_ matching: [Int32], _ instance: MatchInstance) -> [String] {
        let market = CoupleMarket(instance)
        var found: [String] = []
        for candidate in 0..<instance.candidateCount where market.coupleOf[candidate] < 0 {
            for vacancy in instance.choices[candidate] {
                if vacancy == matching[candidate] { break }
                if market.fits([(candidate, Int(vacancy))], leaving: [], matching) { found.append("c\(candidate)→v\(vacancy)") }
            }
        }
        for (index, couple) in instance.couples.enumerated() {
            let members = [Int(couple.first), Int(couple.second)]
            for pair in couple.choices {
                if pair.first == matching[members[0]], pair.second == matching[members[1]] { break }
                let moves = zip(members, [pair.first, pair.second]).filter { $0.1 >= 0 }.map { ($0.0, Int($0.1)) }
                if market.fits(moves, leaving: members, matching) { found.append("couple \(index)→(\(pair.first), \(pair.second))") }
            }
        }
        return found
    }
}

/// Ranks, regions and the regional choice of a small instance, for the brute-force oracles.
struct CoupleMarket {
    let instance: MatchInstance
    let coupleOf: [Int]
    private let ranks: [[Int: Int]]
    private let geometry: CapGeometry

    init(_ instance: MatchInstance) {
        self.instance = instance
        var coupleOf = [Int](repeating: -1, count: instance.candidateCount)
        for (index, couple) in instance.couples.enumerated() {
            coupleOf[Int(couple.first)] = index
            coupleOf[Int(couple.second)] = index
        }
        self.coupleOf = coupleOf
        ranks = (0..<instance.vacancyCount).map { vacancy in
            Dictionary(uniqueKeysWithValues: instance.priorities[vacancy].enumerated().map { (Int($0.element), $0.offset) })
        }
        geometry = CapGeometry(instance)
    }

    func rank(_ candidate: Int, _ vacancy: Int) -> Int? { ranks[vacancy][candidate] }

    /// Regions with a cap that contain the vacancy (by code prefix).
    func caps(of vacancy: Int) -> [(region: Int, cap: Int)] {
        guard let code = instance.vacancyRegions[vacancy]?.digits else { return [] }
        return instance.regions.enumerated().compactMap { index, region in
            region.cap.flatMap { code.hasPrefix(region.code.digits) ? (index, $0) : nil }
        }
    }

    func counts(_ matching: [Int32]) -> [Int] {
        var counts = [Int](repeating: 0, count: instance.vacancyCount)
        for vacancy in matching where vacancy >= 0 { counts[Int(vacancy)] += 1 }
        return counts
    }

    func isFeasible(_ matching: [Int32]) -> Bool {
        let counts = counts(matching)
        guard counts.indices.allSatisfy({ counts[$0] <= Int(instance.capacities[$0]) }) else { return false }
        var placed = [Int](repeating: 0, count: instance.regions.count)
        for vacancy in counts.indices { for (region, _) in caps(of: vacancy) { placed[region] += counts[vacancy] } }
        return instance.regions.indices.allSatisfy { placed[$0] <= (instance.regions[$0].cap ?? Int.max) }
    }

    /// Whether every vacancy of `moves` would choose the member sent there from its holders
    /// (without `leaving`) and the newcomers.
    func admits(_ moves: [(candidate: Int, vacancy: Int)], leaving: [Int], _ matching: [Int32]) -> Bool {
        var counts = counts(matching)
        for member in leaving where matching[member] >= 0 { counts[Int(matching[member])] -= 1 }
        for move in moves { counts[move.vacancy] += 1 }
        for move in moves {
            guard let mine = rank(move.candidate, move.vacancy) else { return false }
            let holders = matching.indices.filter { Int(matching[$0]) == move.vacancy && !leaving.contains($0) }
            let better = holders.count { (rank($0, move.vacancy) ?? Int.max) < mine }
                + moves.count { $0.vacancy == move.vacancy && (rank($0.candidate, move.vacancy) ?? Int.max) < mine }
            guard better < seats(move.vacancy, counts: counts) else { return false }
        }
        return true
    }

    /// Whether the moves fit in free seats under every cap, displacing nobody. A single is
    /// still counted in their own seat; a couple's own seats (`leaving`) are given up.
    func fits(_ moves: [(candidate: Int, vacancy: Int)], leaving: [Int], _ matching: [Int32]) -> Bool {
        guard moves.allSatisfy({ rank($0.candidate, $0.vacancy) != nil }) else { return false }
        var counts = counts(matching)
        for member in leaving where matching[member] >= 0 { counts[Int(matching[member])] -= 1 }
        for move in moves { counts[move.vacancy] += 1 }
        guard moves.allSatisfy({ counts[$0.vacancy] <= Int(instance.capacities[$0.vacancy]) }) else { return false }
        var placed = [Int](repeating: 0, count: instance.regions.count)
        for vacancy in counts.indices { for (region, _) in caps(of: vacancy) { placed[region] += counts[vacancy] } }
        return moves.allSatisfy { move in caps(of: move.vacancy).allSatisfy { placed[$0.region] <= $0.cap } }
    }

    /// Seats the regional choice gives `vacancy` for the given applicant counts.
    private func seats(_ vacancy: Int, counts: [Int]) -> Int {
        guard !caps(of: vacancy).isEmpty else { return Int(instance.capacities[vacancy]) }
        let tree = geometry.treeOf[vacancy]
        let members = geometry.trees[tree]
        let oracle = AllotmentOracle(instance: instance, geometry: geometry)
        let seats = oracle.allot(tree: tree, applicants: members.map { counts[$0] }).seats
        return seats[members.firstIndex(of: vacancy) ?? 0]
    }
}
