@testable import MatchCore

/// Exhaustive oracles for small instances with couples, regional caps and floors, written
/// from the definitions in docs/matching.md ("Stability with couples") and sharing nothing
/// with the solvers. The regional choice itself (how many seats a capped vacancy gets for
/// given applicant counts) is the verifier's statement, `AllotmentOracle`.
extension BruteForce {
    /// Every feasible matching: singles at a vacancy both sides list, or unplaced; couples at
    /// a pair they listed whose vacancies list the members sent there, or both unplaced;
    /// within capacities and caps.
    public static func matchingsWithCouples(_ instance: MatchInstance) -> [[Int32]] {
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
    public static func isStableWithCouples(_ matching: [Int32], _ instance: MatchInstance) -> Bool {
        singleBlockingPairs(matching, instance).isEmpty && coupleBlockingPairs(matching, instance).isEmpty
    }

    /// Singles and vacancies that block, in candidate then ranking order.
    public static func singleBlockingPairs(_ matching: [Int32], _ instance: MatchInstance) -> [(candidate: Int, vacancy: Int)] {
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
    public static func coupleBlockingPairs(_ matching: [Int32], _ instance: MatchInstance) -> [(couple: Int, pair: CouplePair)] {
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
    public static func freeSeatMoves(_ matching: [Int32], _ instance: MatchInstance) -> [String] {
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
