@testable import MatchCore

/// Builds small instances from index lists, naming candidates c0… and vacancies v0….
enum Build {
    static func instance(
        choices: [[Int]], priorities: [[Int]], capacities: [Int], targets: [Int]? = nil,
        vacancyRegions: [String?]? = nil, regions: [RegionConstraint] = [], couples: [Couple] = [],
        scores: [[Double]]? = nil
    ) throws -> MatchInstance {
        try MatchInstance(
            candidateIDs: choices.indices.map { "c\($0)" },
            vacancyIDs: capacities.indices.map { "v\($0)" },
            choices: IndexLists(choices.map { $0.map(Int32.init) }),
            priorities: IndexLists(priorities.map { $0.map(Int32.init) }),
            priorityScores: scores.map { $0.flatMap { $0 } } ?? [],
            capacities: capacities.map(Int32.init),
            targets: targets?.map(Int32.init),
            vacancyRegions: vacancyRegions?.map { $0.flatMap { RegionCode($0) } },
            regions: regions, couples: couples
        )
    }

    static func region(_ code: String, cap: Int? = nil, floor: Int? = nil) -> RegionConstraint {
        guard let parsed = RegionCode(code) else { preconditionFailure("bad test region code \(code)") }
        return RegionConstraint(code: parsed, cap: cap, floor: floor)
    }

    static func couple(_ first: Int, _ second: Int, _ pairs: [(Int?, Int?)]) -> Couple {
        Couple(first: Int32(first), second: Int32(second), choices: pairs.map {
            CouplePair(first: Int32($0.0 ?? -1), second: Int32($0.1 ?? -1))
        })
    }
}
