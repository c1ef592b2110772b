import Testing
@testable import MatchCore

@Suite("Verifier: couples' blocking pairs")
struct CoupleBlockingPairTests {
    /// The verifier checks couples in the matching-with-contracts form, caps included: check
    /// it against the definition written out by brute force, on random feasible matchings
    /// (mostly unstable) of random markets with couples, half of them with caps and floors.
    @Test("Couples' blocking pairs equal the definition, with and without caps, in couple then ranking order")
    func matchesDefinition() throws {
        var random = RandomInstances(seed: 1717)
        for round in 0..<250 {
            let shape = RandomInstances.Shape(candidates: 3...7, vacancies: 2...3, capacity: 1...2, withCaps: round % 2 == 1)
            let instance = try random.coupleInstance(shape)
            let matchings = BruteForce.matchingsWithCouples(instance)
            for _ in 0..<3 {
                let matching = matchings[random.int(0...(matchings.count - 1))]
                let report = Verifier.verify(instance, assignment: matching)
                let expected = BruteForce.coupleBlockingPairs(matching, instance).map { blocking in
                    "couple \(blocking.couple) prefers (\(Self.name(blocking.pair.first, instance)), \(Self.name(blocking.pair.second, instance))), where both members would be admitted"
                }
                #expect(report.violations.filter { $0.kind == .coupleBlockingPair }.map(\.detail) == expected, "round \(round): \(matching)")
                #expect(report.isStable == BruteForce.isStableWithCouples(matching, instance), "round \(round): \(matching)")
            }
        }
    }

    private static func name(_ vacancy: Int32, _ instance: MatchInstance) -> String {
        vacancy < 0 ? "none" : "'\(instance.vacancyIDs[Int(vacancy)])'"
    }
}
