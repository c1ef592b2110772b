import Testing
@testable import MatchCore

@Suite("Verifier allotment oracle")
struct AllotmentOracleTests {
    /// The verifier answers "would one more applicant win vacancy v another seat?" for a
    /// whole tree from one oracle run (`hungry`). Check that claim against the direct
    /// definition — rerun with one more applicant at v — on random nested caps, targets and
    /// floors and random applicant counts (not only stable ones).
    @Test("One run's `hungry` equals rerunning the oracle with one more applicant")
    func hungryMatchesRerun() throws {
        var random = RandomInstances(seed: 2026)
        var checked = 0
        for _ in 0..<400 {
            let instance = try random.instance(.init(candidates: 1...8, vacancies: 1...6, capacity: 1...3, withCaps: true))
            let geometry = CapGeometry(instance)
            let oracle = AllotmentOracle(instance: instance, geometry: geometry)
            for (tree, members) in geometry.trees.enumerated() {
                let applicants = members.map { _ in random.int(0...4) }
                let base = oracle.allot(tree: tree, applicants: applicants)
                for slot in members.indices {
                    var more = applicants
                    more[slot] += 1
                    let grows = oracle.allot(tree: tree, applicants: more).seats[slot] > base.seats[slot]
                    #expect(grows == base.hungry[slot], "tree \(tree) slot \(slot) applicants \(applicants)")
                    checked += 1
                }
            }
        }
        #expect(checked > 400)
    }
}
