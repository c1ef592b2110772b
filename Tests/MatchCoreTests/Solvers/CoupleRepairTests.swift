import Testing
@testable import MatchCore

@Suite("Couples: complete repair (issue 17)")
struct CoupleRepairTests {
    /// Issue 17's example, no caps. Singles c7 (ranks v1) and c8 (ranks v2); couples
    /// (c9, c6) ranking (v1, v2) and (c5, c1) ranking (v0, v1). The couple (c9, c6) takes v2
    /// from c8, then (c5, c1) pushes c9 out of v1 and the couple withdraws from v2 while c8
    /// is still waiting to apply again. The only stable matching has c8 back at v2.
    static let issueExample = #"""
    {
      "format": "talentmatch.instance/1",
      "candidates": [ {"id": "c1"}, {"id": "c5"}, {"id": "c6"}, {"id": "c7", "ranking": ["v1"]},
                      {"id": "c8", "ranking": ["v2"]}, {"id": "c9"} ],
      "vacancies": [ {"id": "v0", "capacity": 1, "ranking": ["c5"]},
                     {"id": "v1", "capacity": 2, "ranking": ["c1", "c7", "c9"]},
                     {"id": "v2", "capacity": 1, "ranking": ["c6", "c8"]} ],
      "couples": [ {"members": ["c9", "c6"], "ranking": [["v1", "v2"]]},
                   {"members": ["c5", "c1"], "ranking": [["v0", "v1"]]} ]
    }
    """#

    @Test("Issue 17's example: a single displaced by a couple that later withdraws gets the seat back")
    func issueExample() throws {
        let instance = try Documents.decode(Self.issueExample).instance
        let outcome = MatchEngine.solve(instance)
        let named = Dictionary(uniqueKeysWithValues: outcome.assignment.enumerated().map { candidate, vacancy in
            (instance.candidateIDs[candidate], vacancy < 0 ? "-" : instance.vacancyIDs[Int(vacancy)])
        })
        #expect(named == ["c1": "v1", "c5": "v0", "c6": "-", "c7": "v1", "c8": "v2", "c9": "-"])
        let report = Verifier.verify(instance, assignment: outcome.assignment)
        #expect(report.isStable, "\(report.violations.map(\.detail))")
        // Settled by the repair itself, not by the later stages.
        #expect(outcome.couplesSettlement == .heuristic)
    }
}
