import Testing
@testable import MatchCore

@Suite("Verifier: couples' blocking pairs")
struct CoupleBlockingPairTests {
    /// The verifier checks couples in the matching-with-contracts form, caps included: check
    /// it against the definition written out by brute force, on random feasible matchings
    /// (mostly unstable) of random markets with couples, half of them with caps and floors.
    @Test("Couples' blocking pairs equal the definition, with and without caps, in couple then ranking order")
    func matchesDefinition() throws {
        try RandomInstances.forEachCoupleMatching(seed: 1717, count: 250) { instance, matching, round in
            let report = Verifier.verify(instance, assignment: matching)
            let expected = BruteForce.coupleBlockingPairs(matching, instance).map { blocking in
                "couple \(blocking.couple) prefers (\(Self.name(blocking.pair.first, instance)), \(Self.name(blocking.pair.second, instance))), where both members would be admitted"
            }
            #expect(report.violations.filter { $0.kind == .coupleBlockingPair }.map(\.detail) == expected, "round \(round): \(matching)")
            #expect(report.isStable == BruteForce.isStableWithCouples(matching, instance), "round \(round): \(matching)")
        }
    }

    private static func name(_ vacancy: Int32, _ instance: MatchInstance) -> String {
        vacancy < 0 ? "none" : "'\(instance.vacancyIDs[Int(vacancy)])'"
    }
}
