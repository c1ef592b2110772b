import Testing
@testable import MatchCore

/// Exhaustive strategy-proofness check: every candidate tries every ordered subset of
/// vacancies as their report; none may do better by their true ranking.
enum Manipulation {
    static func reports(of vacancies: Int) -> [[Int32]] {
        var result: [[Int32]] = [[]]
        func extend(_ prefix: [Int32]) {
            for vacancy in 0..<Int32(vacancies) where !prefix.contains(vacancy) {
                let next = prefix + [vacancy]
                result.append(next)
                extend(next)
            }
        }
        extend([])
        return result
    }

    static func expectNoProfitableMisreport(_ instance: MatchInstance, seed: Int) {
        let truthful = MatchEngine.solve(instance).assignment
        let all = reports(of: instance.vacancyCount)
        for candidate in 0..<instance.candidateCount {
            let truth = Array(instance.choices[candidate])
            let honest = truth.firstIndex(of: truthful[candidate]) ?? truth.count
            for report in all where report != truth {
                var lists = (0..<instance.candidateCount).map { Array(instance.choices[$0]) }
                lists[candidate] = report
                guard let lying = try? MatchInstance(
                    candidateIDs: instance.candidateIDs, vacancyIDs: instance.vacancyIDs,
                    choices: IndexLists(lists), priorities: instance.priorities, capacities: instance.capacities,
                    targets: instance.targets, vacancyRegions: instance.vacancyRegions, regions: instance.regions
                ) else { Issue.record("misreport instance invalid"); return }
                let got = MatchEngine.solve(lying).assignment[candidate]
                let gained = truth.firstIndex(of: got) ?? truth.count
                #expect(gained >= honest, "seed \(seed): c\(candidate) gains by reporting \(report)")
                if gained < honest { return }
            }
        }
    }
}
