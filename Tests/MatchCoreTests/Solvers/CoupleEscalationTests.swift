import Testing
@testable import MatchCore

/// What the couples phase does when the Roth–Peranson pass leaves blocking pairs (ADR 0039):
/// other orders, then an exact search, then the fallback, each saying so.
@Suite("Couples: escalation and fallback")
struct CoupleEscalationTests {
    /// Two couples and a cap of 3 on 5101 (2 on 510101). In input order the pass ends with c5
    /// at v2 although v1 would take them, and (c2, c3) on their second pair although (v1, v0)
    /// would take them; letting them apply again cycles. Processing (c2, c3) first settles:
    /// c2 alone at v0, c4 and c5 at v1.
    static let settledByOrder = #"""
    {"format": "talentmatch.instance/1",
     "candidates": [{"id": "c0"}, {"id": "c1"}, {"id": "c2"}, {"id": "c3"},
                    {"id": "c4", "ranking": ["v1", "v2", "v0"]}, {"id": "c5", "ranking": ["v1", "v2"]}],
     "vacancies": [{"id": "v0", "capacity": 2, "region": "510102", "target": 1, "ranking": ["c2", "c4", "c3", "c0", "c5", "c1"]},
                   {"id": "v1", "capacity": 2, "region": "510101", "ranking": ["c4", "c0", "c1", "c3", "c5", "c2"]},
                   {"id": "v2", "capacity": 1, "region": "510201", "target": 1, "ranking": ["c2", "c3", "c5", "c0", "c1"]}],
     "regions": [{"code": "5101", "cap": 3}, {"code": "510101", "cap": 2}],
     "couples": [{"members": ["c0", "c1"], "ranking": [["v0", "v0"]]},
                 {"members": ["c2", "c3"], "ranking": [["v1", "v0"], ["v0", null]]}]}
    """#

    /// One couple and a cap of 2 on 5101 around all three vacancies. The couple's entry at
    /// (v0, v1) takes the cap's room from c4 at v2; c4 then outranks c0 at v0, the couple
    /// withdraws, c4 goes back, and round again: no order escapes the cycle. The only stable
    /// matching leaves the couple out (c3 at v1, c4 at v0); the exact search finds it.
    static let settledBySearch = #"""
    {"format": "talentmatch.instance/1",
     "candidates": [{"id": "c0"}, {"id": "c1"}, {"id": "c2", "ranking": ["v2"]}, {"id": "c3", "ranking": ["v0", "v2", "v1"]},
                    {"id": "c4", "ranking": ["v2", "v1", "v0"]}, {"id": "c5", "ranking": ["v2"]}],
     "vacancies": [{"id": "v0", "capacity": 1, "region": "510101", "ranking": ["c5", "c4", "c2", "c0", "c3", "c1"]},
                   {"id": "v1", "capacity": 2, "region": "510104", "ranking": ["c1", "c3", "c0", "c4"]},
                   {"id": "v2", "capacity": 1, "region": "510104", "ranking": ["c0", "c4", "c3", "c2"]}],
     "regions": [{"code": "5101", "cap": 2}],
     "couples": [{"members": ["c0", "c1"], "ranking": [["v0", "v1"]]}]}
    """#

    @Test("Blocking pairs left by the first pass are settled by processing the couples in another order")
    func settledByOrder() throws {
        let instance = try Documents.decode(Self.settledByOrder).instance
        let outcome = MatchEngine.solve(instance)
        #expect(outcome.couplesSettlement == .reordered)
        #expect(outcome.assignment == [-1, -1, 0, -1, 1, 1])
        #expect(outcome.isReleasable(verifiedBy: Verifier.verify(instance, assignment: outcome.assignment)))
        let once = MatchEngine.solve(instance, settings: SolveSettings(reorderAttempts: 0))
        #expect(once.couplesSettlement == .exactSearch, "without other orders the exact search settles it")
    }

    @Test("A cycle no order escapes is settled by the exact search")
    func settledBySearch() throws {
        let instance = try Documents.decode(Self.settledBySearch).instance
        let outcome = MatchEngine.solve(instance)
        #expect(outcome.couplesSettlement == .exactSearch)
        #expect(outcome.assignment == [-1, -1, -1, 1, 0, -1])
        #expect(outcome.isReleasable(verifiedBy: Verifier.verify(instance, assignment: outcome.assignment)))
        let bounded = MatchEngine.solve(instance, settings: SolveSettings(exactSearchBudget: 2))
        #expect(bounded.couplesSettlement == .unsettled, "a search cut short proves nothing")
        #expect(!bounded.isReleasable(verifiedBy: Verifier.verify(instance, assignment: bounded.assignment)))
    }

    @Test("The fallback moves a single into a seat that is free, but not past a cap that is reached")
    func fillSingles() throws {
        func instance(capped: Bool) throws -> MatchInstance {
            try Build.instance(
                choices: [[], [], [1, 0]], priorities: [[0, 2], [1, 2], [0]], capacities: [1, 1, 1],
                vacancyRegions: capped ? ["510101", "510102", nil] : nil,
                regions: capped ? [Build.region("5101", cap: 1)] : [],
                couples: [Build.couple(0, 1, [(0, 1), (2, nil)])]
            )
        }
        let plain = try instance(capped: false)
        var assignment: [Int32] = [2, -1, 0]
        var fill = FreeSeatFill(instance: plain, ranks: RankTable(plain), assignment: assignment)
        fill.fill(&assignment)
        #expect(assignment == [2, -1, 1])
        let capped = try instance(capped: true)
        assignment = [2, -1, 0]
        fill = FreeSeatFill(instance: capped, ranks: RankTable(capped), assignment: assignment)
        fill.fill(&assignment)
        #expect(assignment == [2, -1, 0], "c2 still holds v0, so the cap of 5101 is reached")
    }

    @Test("The fallback moves a couple into two free seats, giving up its own")
    func fillCouples() throws {
        let instance = try Build.instance(
            choices: [[], []], priorities: [[0], [1], [0]], capacities: [1, 1, 1],
            couples: [Build.couple(0, 1, [(0, 1), (2, nil)])]
        )
        var assignment: [Int32] = [2, -1]
        var fill = FreeSeatFill(instance: instance, ranks: RankTable(instance), assignment: assignment)
        fill.fill(&assignment)
        #expect(assignment == [0, 1])
    }
}
