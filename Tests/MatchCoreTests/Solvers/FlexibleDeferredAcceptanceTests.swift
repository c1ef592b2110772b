import PropertyBased
import Testing
@testable import MatchCore

@Suite("Flexible deferred acceptance (regional caps and floors)")
struct FlexibleDeferredAcceptanceTests {
    /// Shaped after Kamada & Kojima (2015, Section II): one region capped at 10, two
    /// hospitals of 10 seats with targets 5 and 5; 3 doctors want only h1 and 7 only h2.
    /// Deferred acceptance with capacities cut to the targets (the Japanese JRMP rule) leaves
    /// 2 doctors unmatched under a cap that does not bind; FDA places all 10.
    @Test("Kamada–Kojima: targets are not hard capacities, the regional cap is")
    func jrmpInefficiencyRemoved() throws {
        let instance = try Build.instance(
            choices: (0..<10).map { $0 < 3 ? [0] : [1] },
            priorities: [Array(0..<10), Array(0..<10)],
            capacities: [10, 10], targets: [5, 5],
            vacancyRegions: ["510101", "510102"], regions: [Build.region("5101", cap: 10)]
        )
        let outcome = MatchEngine.solve(instance)
        #expect(outcome.mechanism == .flexibleDeferredAcceptance)
        #expect(outcome.assignment == [0, 0, 0, 1, 1, 1, 1, 1, 1, 1])
        let jrmp = try Build.instance(
            choices: (0..<10).map { $0 < 3 ? [0] : [1] },
            priorities: [Array(0..<10), Array(0..<10)], capacities: [5, 5]
        )
        #expect(MatchEngine.solve(jrmp).assignment.count { $0 < 0 } == 2)
        #expect(Verifier.verify(instance, assignment: outcome.assignment).isStable)
    }

    /// Kamada–Kojima step (b): beyond targets, hospitals take turns in their fixed order.
    @Test("Kamada–Kojima: seats beyond targets go round-robin in vacancy order")
    func roundRobinOrder() throws {
        let instance = try Build.instance(
            choices: (0..<6).map { $0 < 3 ? [0] : [1] },
            priorities: [[2, 1, 0], [5, 4, 3]],
            capacities: [3, 3], targets: [1, 1],
            vacancyRegions: ["510101", "510102"], regions: [Build.region("5101", cap: 3)]
        )
        let outcome = MatchEngine.solve(instance)
        // v0 gets its target and the first extra turn (c2, c1); v1 only its target (c5).
        #expect(outcome.assignment == [-1, 0, 0, -1, -1, 1])
        #expect(Verifier.verify(instance, assignment: outcome.assignment).isStable)
    }

    @Test("Nested caps: a county cap inside a prefecture cap both hold")
    func nestedCaps() throws {
        let instance = try Build.instance(
            choices: Array(repeating: [0, 1, 2], count: 5),
            priorities: Array(repeating: Array(0..<5), count: 3),
            capacities: [3, 3, 3],
            vacancyRegions: ["510101", "510102", "510201"],
            regions: [Build.region("5101", cap: 3), Build.region("510101", cap: 1)]
        )
        let outcome = MatchEngine.solve(instance)
        #expect(outcome.assignment == [0, 1, 1, 2, 2])
        #expect(Verifier.verify(instance, assignment: outcome.assignment).isStable)
    }

    /// A floor inside a capped province takes precedence on the province's cap: without it
    /// the two attractive vacancies, first in turn order, use up the cap.
    @Test("Floors: an underserved region's floor is served before the shared cap runs out")
    func floorPrecedence() throws {
        func solve(floor: Int?) throws -> MatchOutcome {
            let instance = try Build.instance(
                choices: [[0], [1], [2]],
                priorities: [[0], [1], [2]],
                capacities: [1, 1, 1],
                vacancyRegions: ["510101", "510102", "511921"],
                regions: [Build.region("51", cap: 2), Build.region("5119", floor: floor)]
            )
            let outcome = MatchEngine.solve(instance)
            #expect(Verifier.verify(instance, assignment: outcome.assignment).isStable)
            return outcome
        }
        #expect(try solve(floor: nil).assignment == [0, 1, -1])
        let floored = try solve(floor: 1)
        #expect(floored.assignment == [0, -1, 2])
        #expect(floored.floorShortfalls.map(\.shortfall) == [0])
    }

    @Test("A floor nobody wants is reported as a shortfall, never forced")
    func floorShortfall() throws {
        let instance = try Build.instance(
            choices: [[0], [0]], priorities: [[0, 1], [0, 1]], capacities: [2, 2],
            vacancyRegions: ["510101", "511921"], regions: [Build.region("5119", floor: 2)]
        )
        let outcome = MatchEngine.solve(instance)
        #expect(outcome.assignment == [0, 0])
        #expect(outcome.floorShortfalls.first?.shortfall == 2)
    }

    @Test("Caps that never bind change nothing: FDA equals DA")
    func slackCapsEqualDA() async {
        await propertyCheck(count: 150, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = RandomInstances(seed: seed)
            guard let plain = try? random.instance() else { Issue.record("generator failed"); return }
            guard let capped = try? MatchInstance(
                candidateIDs: plain.candidateIDs, vacancyIDs: plain.vacancyIDs, choices: plain.choices,
                priorities: plain.priorities, capacities: plain.capacities,
                vacancyRegions: plain.vacancyIDs.map { _ in RegionCode("510101") },
                regions: [Build.region("5101", cap: plain.totalSeats)]
            ) else { Issue.record("capped copy invalid"); return }
            #expect(MatchEngine.solve(capped).assignment == MatchEngine.solve(plain).assignment, "seed \(seed)")
        }
    }

    @Test("On random capped instances FDA is stable in Kamada–Kojima's sense and candidate-optimal among such matchings")
    func stableAndOptimalUnderCaps() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = RandomInstances(seed: seed)
            guard let instance = try? random.instance(.init(withCaps: true)) else { Issue.record("generator failed"); return }
            let outcome = MatchEngine.solve(instance)
            let report = Verifier.verify(instance, assignment: outcome.assignment)
            #expect(report.isStable, "seed \(seed): \(report.violations.map(\.detail))")
            let stable = BruteForce.matchings(instance).filter { Verifier.verify(instance, assignment: $0).isStable }
            #expect(BruteForce.candidateOptimal(stable, instance) == outcome.assignment, "seed \(seed)")
        }
    }

    @Test("Misreporting never helps a candidate under caps and floors (exhaustive)")
    func strategyProofUnderCaps() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = RandomInstances(seed: seed)
            guard let instance = try? random.instance(.init(withCaps: true)) else { Issue.record("generator failed"); return }
            Manipulation.expectNoProfitableMisreport(instance, seed: seed)
        }
    }
}
