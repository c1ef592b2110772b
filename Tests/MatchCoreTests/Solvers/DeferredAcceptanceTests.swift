import PropertyBased
import Testing
@testable import MatchCore

@Suite("Deferred acceptance (no caps)")
struct DeferredAcceptanceTests {
    /// Gale & Shapley (1962), the three-by-three example with three stable matchings:
    /// α: A B C, β: B C A, γ: C A B; A: β γ α, B: γ α β, C: α β γ.
    /// Proposers get their first choices in the proposer-optimal matching.
    @Test("Gale–Shapley 1962: proposers get their first choices")
    func galeShapleyCyclicExample() throws {
        let instance = try Build.instance(
            choices: [[0, 1, 2], [1, 2, 0], [2, 0, 1]],
            priorities: [[1, 2, 0], [2, 0, 1], [0, 1, 2]],
            capacities: [1, 1, 1]
        )
        let outcome = MatchEngine.solve(instance)
        #expect(outcome.assignment == [0, 1, 2])
        #expect(Verifier.verify(instance, assignment: outcome.assignment).isStable)
        // The receivers' optimum (A–β, B–γ, C–α) is stable too, but worse for every proposer.
        #expect(BruteForce.isStable([2, 0, 1], instance))
    }

    /// Gale & Shapley's college-admissions setting: a college with two seats and ranks.
    @Test("A vacancy with several seats keeps its best applicants")
    func manyToOne() throws {
        let instance = try Build.instance(
            choices: [[0, 1], [0, 1], [0, 1]],
            priorities: [[2, 0, 1], [1, 0, 2]],
            capacities: [2, 1]
        )
        let outcome = MatchEngine.solve(instance)
        #expect(outcome.assignment == [0, 1, 0])
    }

    @Test("Pairs that one side did not list never match")
    func acceptabilityOnBothSides() throws {
        let instance = try Build.instance(choices: [[0], [0]], priorities: [[1]], capacities: [2])
        #expect(MatchEngine.solve(instance).assignment == [-1, 0])
    }

    @Test("On random small instances DA equals the brute-force candidate-optimal stable matching")
    func equalsBruteForce() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = RandomInstances(seed: seed)
            guard let instance = try? random.instance() else { Issue.record("generator failed"); return }
            let stable = BruteForce.matchings(instance).filter { BruteForce.isStable($0, instance) }
            let outcome = MatchEngine.solve(instance)
            #expect(!stable.isEmpty)
            #expect(BruteForce.candidateOptimal(stable, instance) == outcome.assignment, "seed \(seed)")
            #expect(Verifier.verify(instance, assignment: outcome.assignment).isStable, "seed \(seed)")
        }
    }

    @Test("Misreporting never helps a candidate (exhaustive over all reports)")
    func strategyProof() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000)) { seed in
            var random = RandomInstances(seed: seed)
            guard let instance = try? random.instance() else { Issue.record("generator failed"); return }
            Manipulation.expectNoProfitableMisreport(instance, seed: seed)
        }
    }

    @Test("The same input gives the same matching and statistics")
    func deterministic() throws {
        var random = RandomInstances(seed: 7)
        let instance = try random.instance(.init(candidates: 30...30, vacancies: 10...10, capacity: 1...3))
        let first = MatchEngine.solve(instance)
        let second = MatchEngine.solve(instance)
        #expect(first.assignment == second.assignment)
        #expect(first.statistics.proposals == second.statistics.proposals)
        #expect(first.statistics.rounds == second.statistics.rounds)
    }
}
