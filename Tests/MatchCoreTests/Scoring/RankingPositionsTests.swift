import Testing
@testable import MatchCore

@Suite("Rankings given as vacancy positions")
struct RankingPositionsTests {
    @Test("positions build the same instance as ranking ids, on random markets")
    func sameInstance() throws {
        for seed in 0..<20 {
            var random = RandomProfiles(seed: seed)
            let market = try random.market(candidates: random.int(1...80), vacancies: random.int(1...20))
            let policy = try random.policy()
            let byID = try ProfileMatching.instance(
                candidates: market.candidates, vacancies: market.vacancies, policy: policy, seed: UInt64(seed)
            ).instance
            let position = Dictionary(uniqueKeysWithValues: market.vacancies.enumerated().map { ($0.element.id, Int32($0.offset)) })
            let unranked = market.candidates.map { candidate -> CandidateProfile in
                var copy = candidate
                copy.ranking = []
                return copy
            }
            let byPosition = try ProfileMatching.instance(
                candidates: unranked, vacancies: market.vacancies, policy: policy, seed: UInt64(seed),
                rankingPositions: market.candidates.map { $0.ranking.map { position[$0]! } }
            ).instance
            #expect(byPosition.choices == byID.choices)
            #expect(byPosition.priorities == byID.priorities)
            #expect(byPosition.priorityScores == byID.priorityScores)
        }
    }

    @Test("a position outside the vacancies is named by its pointer")
    func outOfRange() throws {
        var random = RandomProfiles(seed: 7)
        let market = try random.market(candidates: 3, vacancies: 2)
        let error = #expect(throws: InputError.self) {
            try ProfileMatching.instance(
                candidates: market.candidates, vacancies: market.vacancies, policy: try random.policy(), seed: 1,
                rankingPositions: [[0], [1, 2], []]
            )
        }
        #expect(error?.pointer == "/candidates/1/ranking/1")
        #expect(error?.message == "no vacancy at position 2")
    }
}
