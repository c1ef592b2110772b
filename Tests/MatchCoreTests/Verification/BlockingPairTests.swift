import Testing
@testable import MatchCore

@Suite("Verifier blocking pairs")
struct BlockingPairTests {
    /// The verifier finds single blocking pairs vacancy by vacancy; check it against the
    /// definition written out candidate by candidate, on random instances and random (mostly
    /// unstable, sometimes infeasible or unacceptable) assignments, including the order of
    /// the report.
    @Test("Single blocking pairs equal the textbook definition, in candidate then ranking order")
    func matchesDefinition() throws {
        var random = RandomInstances(seed: 77)
        for _ in 0..<300 {
            let instance = try random.instance(.init(candidates: 1...9, vacancies: 1...5, capacity: 0...3))
            let assignment = (0..<instance.candidateCount).map { _ in Int32(random.int(-1...(instance.vacancyCount - 1))) }
            let reported = Verifier.verify(instance, assignment: assignment).violations
                .filter { $0.kind == .blockingPair }.map { [$0.candidate, $0.vacancy] }
            #expect(reported == Self.blockingPairs(instance, assignment), "assignment \(assignment)")
        }
    }

    /// Gale–Shapley's definition without caps: c and v list each other, c prefers v to their
    /// assignment, and v has a free seat or holds someone it ranks below c.
    static func blockingPairs(_ instance: MatchInstance, _ assignment: [Int32]) -> [[Int]] {
        func rank(_ candidate: Int, _ vacancy: Int) -> Int? {
            instance.priorities[vacancy].firstIndex(of: Int32(candidate)).map { $0 - instance.priorities.range(of: vacancy).lowerBound }
        }
        var pairs: [[Int]] = []
        for candidate in 0..<instance.candidateCount {
            for vacancy in instance.choices[candidate].map(Int.init) {
                if vacancy == Int(assignment[candidate]) { break }
                guard let mine = rank(candidate, vacancy) else { continue }
                let held = assignment.indices.filter { Int(assignment[$0]) == vacancy }
                let free = held.count < Int(instance.capacities[vacancy])
                if free || held.contains(where: { (rank($0, vacancy) ?? Int.max) > mine }) { pairs.append([candidate, vacancy]) }
            }
        }
        return pairs
    }
}
