import Testing
@testable import MatchCore

@Suite("Exact search for a stable matching with couples")
struct ExactSearchTests {
    @Test("It finds a stable matching exactly when one exists, the one placing candidates highest in total")
    func matchesBruteForce() throws {
        for (round, instance) in try RandomInstances.coupleMarkets(seed: 99, count: 200).enumerated() {
            let result = ExactSearch.search(instance, budget: 1_000_000)
            let stable = BruteForce.matchingsWithCouples(instance).filter { BruteForce.isStableWithCouples($0, instance) }
            #expect(result.complete, "round \(round)")
            #expect((result.best == nil) == stable.isEmpty, "round \(round)")
            guard let best = result.best else { continue }
            #expect(BruteForce.isStableWithCouples(best, instance), "round \(round): \(best)")
            #expect(Self.cost(best, instance) == stable.map { Self.cost($0, instance) }.min(), "round \(round)")
        }
    }

    @Test("A search cut short by its budget proves nothing")
    func budget() throws {
        var random = RandomInstances(seed: 5)
        let instance = try random.coupleInstance(.init(candidates: 7...7, vacancies: 3...3, capacity: 1...2))
        let result = ExactSearch.search(instance, budget: 3)
        #expect(!result.complete)
    }

    /// Sum of positions: a single's place in their ranking (its length when unplaced), each
    /// couple member's pair position (the number of pairs when unplaced).
    static func cost(_ matching: [Int32], _ instance: MatchInstance) -> Int {
        var total = 0
        let coupleOf = instance.coupleIndexByCandidate()
        for candidate in 0..<instance.candidateCount where coupleOf[candidate] < 0 {
            total += BruteForce.position(matching[candidate], for: candidate, instance)
        }
        for couple in instance.couples {
            let position = couple.choices.firstIndex { $0.first == matching[Int(couple.first)] && $0.second == matching[Int(couple.second)] }
            total += 2 * (position ?? couple.choices.count)
        }
        return total
    }
}
