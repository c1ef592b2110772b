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
