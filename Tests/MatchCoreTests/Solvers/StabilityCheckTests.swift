import Testing
@testable import MatchCore

@Suite("The solver's own stability check")
struct StabilityCheckTests {
    /// The couples phase decides whether to try further with its own check; it must state the
    /// same notion as the definition (and so as the verifier), caps included.
    @Test("It finds each blocking agent exactly when the definition does, on random feasible matchings")
    func matchesDefinition() throws {
        try RandomInstances.forEachCoupleMatching(seed: 4242, count: 250) { instance, matching, round in
            var check = StabilityCheck(instance: instance, ranks: RankTable(instance), choice: RegionalChoice(instance), assignment: matching)
            let found = check.blockingMoves().map { move -> String in
                switch move {
                case let .single(candidate, _): "c\(candidate)"
                case let .couple(couple, _): "couple \(couple)"
                }
            }
            let singles = Set(BruteForce.singleBlockingPairs(matching, instance).map(\.candidate)).sorted().map { "c\($0)" }
            let couples = Set(BruteForce.coupleBlockingPairs(matching, instance).map(\.couple)).sorted().map { "couple \($0)" }
            #expect(found == singles + couples, "round \(round): \(matching)")
        }
    }
}
