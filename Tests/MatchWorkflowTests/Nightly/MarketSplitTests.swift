import MatchCore
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

@Suite("A deployment is split into markets only where no candidate ranks across the split")
struct MarketSplitTests {
    @Test("An office whose posts are ranked with another office's stays; one nobody ranks across moves; a ranking across the split is then refused")
    func splitOnlyWhereNobodyRanksAcross() async throws {
        try await withTestDatabase(role: .application) { database in
            try await TwoOfficeMarket.load(database, first: TwoOfficeMarket.bazhong)
            // Created while the deployment is one market, 泸州 joins it by itself.
            _ = try await MarketSeeder(database: database).load(Self.luzhou)
            // As `talentmatch markets create` and `markets move-office` do it: the application role.
            let markets = MarketStore(database: database)
            try await markets.create(code: "GY", name: "广元", actor: "test")
            let refused = try await markets.move(officeCode: "GY-HR", toMarket: "GY", actor: "test")
            guard case .rankingsSpanMarkets = refused else { throw Unexpected(outcome: "\(refused)") }
            #expect(try await markets.list().first { $0.code == "main" }?.offices == ["BZ-HR", "GY-HR", "LZ-HR"], "nothing moved")
            // The database asks the same question of any writer.
            await #expect(throws: (any Error).self) {
                try await database.client.query("UPDATE offices SET market_id = (SELECT id FROM markets WHERE code = 'GY') WHERE code = 'GY-HR'")
            }

            #expect(try await markets.move(officeCode: "LZ-HR", toMarket: "GY", actor: "test") == .moved, "nobody ranks its post")
            #expect(try await markets.list().first { $0.code == "GY" }?.offices == ["LZ-HR"])

            let ids = try await Self.ids(database)
            let across = try await RankingStore(database: database).replace(
                candidateID: ids["甲"] ?? 0, with: [ids["BZ-1"] ?? 0, ids["LZ-1"] ?? 0], source: "test"
            )
            #expect(across == .crossesMarkets, "the gateway refuses a ranking that names posts of two markets")
            #expect(try await NightlyFixture.count("SELECT count(*) FROM rankings WHERE candidate_id = \(ids["甲"] ?? 0)", database) == 1,
                    "nothing was stored")

            do {
                _ = try await NightlyJob(database: database).run(market: .only, options: TwoOfficeMarket.options())
                Issue.record("a night without --market ran although the deployment has two markets")
            } catch let error as NightlyError {
                guard case .severalMarkets(let codes) = error else { throw error }
                #expect(Set(codes) == ["GY", "main"])
            }
        }
    }

    /// A third office, 泸州, with one post that nobody ranks.
    static let luzhou = MarketSeed(
        offices: [.init(code: "LZ-HR", name: "测试 LZ-HR", region: "510500")],
        centres: [.init(officeCode: "LZ-HR", code: "LZ-HR-C", name: "测试中心 LZ-HR", region: "510500")],
        vacancies: [.init(centreCode: "LZ-HR-C", draft: VacancyDraft(
            externalID: "LZ-1", title: "岗位 LZ-1", regionCode: "510502", seats: 1, target: 0, staffingType: "institution",
            minEducation: "associate", acceptedModes: ["full_transfer"], specialties: [.init(code: "082802", acceptedFit: "same_class")]
        ))],
        candidates: [], rankings: [], policies: ["LZ-HR": PolicyDraft()]
    )

    /// Post external ids and candidate names → their ids.
    static func ids(_ database: Database) async throws -> [String: Int64] {
        let rows = try await database.client.query(
            "SELECT external_id, id FROM vacancies UNION ALL SELECT full_name, id FROM candidates"
        )
        var result: [String: Int64] = [:]
        for try await (name, id) in rows.decode((String, Int64).self) { result[name] = id }
        return result
    }

    struct Unexpected: Error { let outcome: String }
}
