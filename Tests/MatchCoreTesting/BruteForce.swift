@testable import MatchCore

/// Exhaustive oracles for small instances, written from the textbook definitions and
/// sharing nothing with the solvers.
public enum BruteForce {
    /// Every feasible matching of single candidates to mutually acceptable vacancies.
    public static func matchings(_ instance: MatchInstance) -> [[Int32]] {
        let options: [[Int32]] = (0..<instance.candidateCount).map { candidate in
            [-1] + instance.choices[candidate].filter { instance.priorities[Int($0)].contains(Int32(candidate)) }
        }
        var result: [[Int32]] = []
        var current: [Int32] = []
        func extend(_ candidate: Int) {
            if candidate == instance.candidateCount {
                var load = [Int](repeating: 0, count: instance.vacancyCount)
                for vacancy in current where vacancy >= 0 { load[Int(vacancy)] += 1 }
                if load.indices.allSatisfy({ load[$0] <= Int(instance.capacities[$0]) }) { result.append(current) }
                return
            }
            for option in options[candidate] {
                current.append(option)
                extend(candidate + 1)
                current.removeLast()
            }
        }
        extend(0)
        return result
    }

    /// Gale–Shapley stability: no candidate and vacancy prefer each other to the matching.
    public static func isStable(_ matching: [Int32], _ instance: MatchInstance) -> Bool {
        for candidate in 0..<instance.candidateCount {
            for vacancy in instance.choices[candidate] {
                if vacancy == matching[candidate] { break }
                let list = Array(instance.priorities[Int(vacancy)])
                guard let mine = list.firstIndex(of: Int32(candidate)) else { continue }
                let holders = matching.indices.filter { matching[$0] == vacancy }
                if holders.count < Int(instance.capacities[Int(vacancy)]) { return false }
                if holders.contains(where: { (list.firstIndex(of: Int32($0)) ?? Int.max) > mine }) { return false }
            }
        }
        return true
    }

    /// Position of a vacancy in a candidate's ranking (unmatched = after the list).
    public static func position(_ vacancy: Int32, for candidate: Int, _ instance: MatchInstance) -> Int {
        instance.choices[candidate].firstIndex(of: vacancy).map { $0 - instance.choices.range(of: candidate).lowerBound }
            ?? instance.choices[candidate].count
    }

    /// The matching every candidate weakly prefers to every other one in `matchings`, if any.
    public static func candidateOptimal(_ matchings: [[Int32]], _ instance: MatchInstance) -> [Int32]? {
        matchings.first { best in
            matchings.allSatisfy { other in
                (0..<instance.candidateCount).allSatisfy {
                    position(best[$0], for: $0, instance) <= position(other[$0], for: $0, instance)
                }
            }
        }
    }
}
