@testable import MatchCore

/// Small random instances drawn from a seed, for property checks against brute force.
struct RandomInstances {
    var generator: Xoshiro256StarStar

    init(seed: Int) {
        generator = Xoshiro256StarStar(seed: UInt64(seed))
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(generator.uniform(below: UInt64(range.count)))
    }

    /// A random ranking over a random subset of `0..<count`.
    mutating func ranking(of count: Int, keep: Double = 0.8) -> [Int] {
        var items = Array(0..<count).filter { _ in Double(generator.next() % 1000) / 1000 < keep }
        for index in items.indices.reversed() where index > 0 {
            items.swapAt(index, int(0...index))
        }
        return items
    }

    struct Shape {
        var candidates: ClosedRange<Int> = 1...5
        var vacancies: ClosedRange<Int> = 1...3
        var capacity: ClosedRange<Int> = 1...2
        var withCaps = false
    }

    mutating func instance(_ shape: Shape = Shape()) throws -> MatchInstance {
        let candidateCount = int(shape.candidates)
        let vacancyCount = int(shape.vacancies)
        let capacities = (0..<vacancyCount).map { _ in int(shape.capacity) }
        let choices = (0..<candidateCount).map { _ in ranking(of: vacancyCount) }
        let priorities = (0..<vacancyCount).map { _ in ranking(of: candidateCount, keep: 0.9) }
        guard shape.withCaps else {
            return try Build.instance(choices: choices, priorities: priorities, capacities: capacities)
        }
        let codes = ["510101", "510102", "510201", "510104"]
        let vacancyRegions: [String?] = (0..<vacancyCount).map { _ in codes[int(0...3)] }
        let targets = capacities.map { int(0...min(1, $0)) }
        var regions: [RegionConstraint] = []
        let prefecture = int(0...2)
        if prefecture > 0 { regions.append(Build.region("5101", cap: int(1...4))) }
        if int(0...1) == 1 { regions.append(Build.region("510101", cap: int(0...2))) }
        if int(0...2) == 2 { regions.append(Build.region("51", cap: int(1...5))) }
        if int(0...3) == 3 { regions.append(Build.region("510102", floor: 1)) }
        do {
            return try Build.instance(
                choices: choices, priorities: priorities, capacities: capacities, targets: targets,
                vacancyRegions: vacancyRegions, regions: regions
            )
        } catch {
            // Targets and floors that do not fit under a cap are rejected; drop them.
            return try Build.instance(
                choices: choices, priorities: priorities, capacities: capacities,
                vacancyRegions: vacancyRegions, regions: regions.map { RegionConstraint(code: $0.code, cap: $0.cap) }
            )
        }
    }
}
