@testable import MatchCore

/// Ranks, regions and the regional choice of a small instance, for the brute-force oracles.
public struct CoupleMarket {
    public let instance: MatchInstance
    public let coupleOf: [Int]
    private let ranks: [[Int: Int]]
    private let geometry: CapGeometry

    public init(_ instance: MatchInstance) {
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

    public func rank(_ candidate: Int, _ vacancy: Int) -> Int? { ranks[vacancy][candidate] }

    /// Regions with a cap that contain the vacancy (by code prefix).
    public func caps(of vacancy: Int) -> [(region: Int, cap: Int)] {
        guard let code = instance.vacancyRegions[vacancy]?.digits else { return [] }
        return instance.regions.enumerated().compactMap { index, region in
            region.cap.flatMap { code.hasPrefix(region.code.digits) ? (index, $0) : nil }
        }
    }

    public func counts(_ matching: [Int32]) -> [Int] {
        var counts = [Int](repeating: 0, count: instance.vacancyCount)
        for vacancy in matching where vacancy >= 0 { counts[Int(vacancy)] += 1 }
        return counts
    }

    public func isFeasible(_ matching: [Int32]) -> Bool {
        let counts = counts(matching)
        guard counts.indices.allSatisfy({ counts[$0] <= Int(instance.capacities[$0]) }) else { return false }
        var placed = [Int](repeating: 0, count: instance.regions.count)
        for vacancy in counts.indices { for (region, _) in caps(of: vacancy) { placed[region] += counts[vacancy] } }
        return instance.regions.indices.allSatisfy { placed[$0] <= (instance.regions[$0].cap ?? Int.max) }
    }

    /// Whether every vacancy of `moves` would choose the member sent there from its holders
    /// (without `leaving`) and the newcomers.
    public func admits(_ moves: [(candidate: Int, vacancy: Int)], leaving: [Int], _ matching: [Int32]) -> Bool {
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
    public func fits(_ moves: [(candidate: Int, vacancy: Int)], leaving: [Int], _ matching: [Int32]) -> Bool {
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
