import MatchCore
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

/// A night held for review (ADR 0039) is resolved as Deploy/README.md says: the office asks
/// the couples concerned to change their joint lists or to part, then runs the same night
/// again. A held night has no committed run, so the second is an ordinary first commit.
@Suite("A night held for review")
struct HeldNightTests {
    @Test("the couples concerned part, and the same night runs again and commits, with the held run kept beside it")
    func runsAgainAfterTheCouplesPart() async throws {
        var held = 0
        for seed in UInt64(0)..<30 where held == 0 {
            held += try await withTestDatabase { (database) async throws -> Int in
                var random = Xoshiro256StarStar(seed: 1_700 + seed)
                try await RandomCoupleMarket(random: &random).load(database)
                let options = NightlyOptions(date: NightlyFixture.night(), actor: "test")
                guard case .failed = try await NightlyJob(database: database).run(officeCode: CoupleNightTests.office, options: options)
                else { return 0 }
                for (couple, partner) in try await Self.confirmedCouples(database) {
                    #expect(try await CoupleStore(database: database).dissolve(coupleID: couple, candidateID: partner, source: "test")
                        == .done(coupleID: couple), "a held night leaves couples free to change")
                }
                let again = try await NightlyJob(database: database).run(officeCode: CoupleNightTests.office, options: options)
                guard case .committed(let runID, let report) = again else { Issue.record("expected a commit, got \(again)"); return 1 }
                #expect(report.summary.stable && report.offers > 0)
                #expect(try await NightlyFixture.count(
                    "SELECT count(*) FROM match_runs WHERE run_date = '\(NightlyFixture.night())' AND status = 'failed' "
                    + "AND couples_settlement IN ('unsettled', 'no-stable-matching')", database) == 1, "the held run is kept")
                #expect(try await NightlyFixture.count(
                    "SELECT count(*) FROM match_runs WHERE id = \(runID) AND couples = 0 AND couples_settlement = 'no-couples'", database) == 1)
                return 1
            }
        }
        #expect(held == 1, "one of the 30 random markets of CoupleNightTests is held (four are, at these seeds)")
    }

    static func confirmedCouples(_ database: Database) async throws -> [(Int64, Int64)] {
        let rows = try await database.client.query("SELECT id, inviter_id FROM couples WHERE status = 'confirmed' ORDER BY id")
        var couples: [(Int64, Int64)] = []
        for try await row in rows.decode((Int64, Int64).self) { couples.append(row) }
        return couples
    }
}
