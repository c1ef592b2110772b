import MatchCore
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import Testing

@Suite("Synthetic couples in PostgreSQL")
struct SyntheticCouplesTests {
    static let settings = SyntheticSettings(candidates: 2_000, vacancies: 300, choices: 8, seed: 7, offices: 40, couplesShare: 0.1)

    @Test("a share of the candidates is loaded as confirmed couples, each pair taken from both partners' own lists in one province")
    func couplesAreConfirmedWithTheirOwnPosts() async throws {
        try await withTestDatabase { (database) async throws in
            let summary = try await SyntheticDatasetLoader(database: database).load(Self.settings, reference: SyntheticDatasetTests.shipped) { _ in }
            #expect((80...100).contains(summary.couples), "10 % of 2,000 is 100 couples, less those whose lists share no province")
            #expect(summary.jointRankingEntries > summary.couples, "most couples get several pairs")
            #expect(try await NightlyFixture.count("SELECT count(*) FROM couples WHERE status = 'confirmed'", database) == summary.couples)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM couple_members", database) == 2 * summary.couples)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM couple_ranking_entries", database) == summary.jointRankingEntries)
            #expect(try await NightlyFixture.count(
                "SELECT max(cnt) FROM (SELECT count(*) AS cnt FROM couple_ranking_entries GROUP BY ranking_id) t", database) <= 8,
                "a joint list is as long as a single candidate's")
            #expect(try await NightlyFixture.count(
                """
                SELECT count(*) FROM couple_ranking_entries e JOIN couple_rankings r ON r.id = e.ranking_id
                JOIN couples c ON c.id = r.couple_id
                JOIN vacancies a ON a.id = e.first_vacancy_id JOIN vacancies b ON b.id = e.second_vacancy_id
                WHERE left(a.region_code, 2) <> left(b.region_code, 2)
                   OR NOT EXISTS (SELECT 1 FROM current_rankings k JOIN ranking_entries x ON x.ranking_id = k.id
                                  WHERE k.candidate_id = c.inviter_id AND x.vacancy_id = a.id)
                   OR NOT EXISTS (SELECT 1 FROM current_rankings k JOIN ranking_entries x ON x.ranking_id = k.id
                                  WHERE k.candidate_id = c.invitee_id AND x.vacancy_id = b.id)
                """, database) == 0, "every pair is two posts of one province from the partners' own lists")
        }
    }

    @Test("the night reads the couples, commits a stable result with linked offers and records how many took part")
    func theNightMatchesTheCouples() async throws {
        try await withTestDatabase { (database) async throws in
            let summary = try await SyntheticDatasetLoader(database: database).load(Self.settings, reference: SyntheticDatasetTests.shipped) { _ in }
            let outcome = try await NightlyJob(database: database).run(market: .only, options: NightlyOptions(date: NightlyFixture.night()))
            guard case .committed(_, let report) = outcome else { Issue.record("expected a commit, got \(outcome)"); return }
            #expect(report.summary.stable && report.offers > 0)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM couple_offers", database) > 0, "some couples got linked offers")
            #expect(try await NightlyFixture.count("SELECT max(couples) FROM match_runs", database) == summary.couples)
        }
    }
}
