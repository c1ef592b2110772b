import Testing
@testable import MatchCore

@Suite("Explanations")
struct ExplainerTests {
    @Test("Full posts quote the cutoff and the candidate's own score")
    func fullWithScores() throws {
        let text = #"{"format": "talentmatch.instance/1", "candidates": [{"id": "c0", "ranking": ["v0", "v1"]}, {"id": "c1", "ranking": ["v0"]}], "vacancies": [{"id": "v0", "capacity": 1, "scores": {"c1": 74.0, "c0": 71.2}}, {"id": "v1", "capacity": 1, "scores": {"c0": 60}}]}"#
        let document = try Documents.decode(text)
        let outcome = MatchEngine.solve(document.instance)
        let explainer = Explainer(instance: document.instance, assignment: outcome.assignment)
        let explanation = explainer.explain(0)
        #expect(explanation.vacancy == 1)
        #expect(explanation.rankedAbove.map(\.reason.description) == ["full: cutoff 74.0, your score 71.2"])
        #expect(explainer.cutoff(0) == .score(74))
        #expect(explainer.cutoff(1) == .score(60))
    }

    @Test("Vacancies with free seats are open; a binding cap is named")
    func regionCap() throws {
        let instance = try Build.instance(
            choices: [[0, 1], [0]], priorities: [[1, 0], [0]], capacities: [2, 1],
            vacancyRegions: ["510101", "520101"], regions: [Build.region("5101", cap: 1)]
        )
        let outcome = MatchEngine.solve(instance)
        let explainer = Explainer(instance: instance, assignment: outcome.assignment)
        #expect(outcome.assignment == [1, 0])
        #expect(explainer.cutoff(0) == .open)
        #expect(explainer.explain(0).rankedAbove.map(\.reason) == [.regionCapReached(region: RegionCode("5101")!)])
    }

    @Test("Pairs the vacancy does not list are explained as not eligible")
    func notListed() throws {
        let instance = try Build.instance(choices: [[0, 1]], priorities: [[], [0]], capacities: [1, 1])
        let explainer = Explainer(instance: instance, assignment: MatchEngine.solve(instance).assignment)
        #expect(explainer.explain(0).rankedAbove.map(\.reason.code) == ["not-eligible"])
    }
}
