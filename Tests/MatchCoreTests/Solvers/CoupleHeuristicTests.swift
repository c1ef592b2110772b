import PropertyBased
import Testing
@testable import MatchCore

@Suite("Couples (Roth–Peranson-style heuristic)")
struct CoupleHeuristicTests {
    @Test("A couple is placed together on a pair both vacancies accept")
    func placedTogether() throws {
        let instance = try Build.instance(
            choices: [[], [], [0]],
            priorities: [[0, 2], [1]],
            capacities: [1, 1],
            couples: [Build.couple(0, 1, [(0, 1)])]
        )
        let outcome = MatchEngine.solve(instance)
        #expect(outcome.assignment == [0, 1, -1])
        #expect(Verifier.verify(instance, assignment: outcome.assignment).isStable)
    }

    @Test("A couple is placed on its first pair when both vacancies would admit, also under caps and floors")
    func placedUnderCapsAndFloors() throws {
        let instance = try Build.instance(
            choices: [[1], [0], [], []],
            priorities: [[0, 1, 2], [3, 0], [3]],
            capacities: [2, 1, 1], targets: [1, 0, 0],
            vacancyRegions: ["511921", "510104", nil],
            regions: [Build.region("5119", cap: 10, floor: 2)],
            couples: [Build.couple(2, 3, [(0, 1), (2, nil)])]
        )
        let outcome = MatchEngine.solve(instance)
        #expect(outcome.assignment == [-1, 0, 0, 1])
        #expect(Verifier.verify(instance, assignment: outcome.assignment).isStable)
    }

    /// The issue's example has no stable matching: placing the couple at (v1, v2) pushes c1
    /// down to v1, where c1 outranks the couple's c4. The result must say so, and is held.
    @Test("The issue's example is reported as unstable, with the couple's blocking pair, and held")
    func issueExampleIsUnstable() throws {
        let document = try Documents.decode(InstanceDocumentTests.example)
        let outcome = MatchEngine.solve(document.instance)
        let report = Verifier.verify(document.instance, assignment: outcome.assignment)
        #expect(report.isFeasible)
        #expect(report.violations.map(\.kind) == [.coupleBlockingPair])
        #expect(outcome.couplesSettlement == .noStableMatching)
        #expect(!outcome.isReleasable(verifiedBy: report))
    }

    @Test("A couple member is left out only where the pair says so")
    func memberLeftOutOnlyIfListed() throws {
        let instance = try Build.instance(
            choices: [[], []], priorities: [[0], []], capacities: [1, 1],
            couples: [Build.couple(0, 1, [(0, 1), (0, nil)])]
        )
        #expect(MatchEngine.solve(instance).assignment == [0, -1])
        let strict = try Build.instance(
            choices: [[], []], priorities: [[0], []], capacities: [1, 1],
            couples: [Build.couple(0, 1, [(0, 1)])]
        )
        #expect(MatchEngine.solve(strict).assignment == [-1, -1])
    }

    /// No stable matching exists: v0 prefers the couple's c0 to the single c2, v1 prefers
    /// c2 to c1, c2 prefers v0 to v1, and the couple wants exactly (v0, v1). Every matching
    /// has a blocking pair; the solver must stop and say so.
    @Test("A couples instance with no stable matching is reported, not looped on")
    func noStableMatching() throws {
        let instance = try Build.instance(
            choices: [[], [], [0, 1]],
            priorities: [[0, 2], [2, 1]],
            capacities: [1, 1],
            couples: [Build.couple(0, 1, [(0, 1)])]
        )
        let everyMatching: [[Int32]] = [[-1, -1, -1], [-1, -1, 0], [-1, -1, 1], [0, 1, -1]]
        for matching in everyMatching {
            #expect(!Verifier.verify(instance, assignment: matching).isStable, "\(matching) should not be stable")
        }
        let outcome = MatchEngine.solve(instance)
        let report = Verifier.verify(instance, assignment: outcome.assignment)
        #expect(report.isFeasible)
        #expect(!report.isStable)
        #expect(report.violations.contains { $0.isBlocking })
        #expect(outcome.couplesSettlement == .noStableMatching)
        #expect(!outcome.couplesConverged)
    }

    @Test("On random instances with couples the heuristic ends with a feasible matching")
    func feasibleOnRandomInstances() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = RandomInstances(seed: seed)
            guard let base = try? random.instance(.init(candidates: 4...7, vacancies: 2...4)) else {
                Issue.record("generator failed"); return
            }
            var lists = (0..<base.candidateCount).map { Array(base.choices[$0]) }
            lists[0] = []
            lists[1] = []
            let pairs: [(Int?, Int?)] = (0..<random.int(1...4)).map { _ in
                (random.int(0...base.vacancyCount - 1), random.int(0...1) == 0 ? nil : random.int(0...base.vacancyCount - 1))
            }
            guard let instance = try? MatchInstance(
                candidateIDs: base.candidateIDs, vacancyIDs: base.vacancyIDs, choices: IndexLists(lists),
                priorities: base.priorities, capacities: base.capacities, couples: [Build.couple(0, 1, pairs)]
            ) else { Issue.record("couple instance invalid"); return }
            let outcome = MatchEngine.solve(instance)
            let report = Verifier.verify(instance, assignment: outcome.assignment)
            #expect(report.isFeasible, "seed \(seed): \(report.violations.map(\.detail))")
        }
    }
}
