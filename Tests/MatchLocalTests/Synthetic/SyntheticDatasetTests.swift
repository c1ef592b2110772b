import MatchLocal
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

@Suite("Synthetic datasets in PostgreSQL")
struct SyntheticDatasetTests {
    @Test("a synthetic market loads with real codes, and its nightly match commits a verified run")
    func loadAndMatch() async throws {
        try await withTestDatabase { (database) async throws in
            let settings = SyntheticSettings(candidates: 3_000, vacancies: 300, choices: 10, seed: 7)
            let summary = try await SyntheticDatasetLoader(database: database).load(settings) { _ in }
            #expect(summary.vacancies == 300)
            #expect(summary.candidates == 3_000)
            #expect(summary.rankingEntries > 20_000, "most candidates fill their 10 choices; small disciplines have fewer vacancies")
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM vacancies v LEFT JOIN regions r ON r.code = v.region_code WHERE r.level <> 'county' OR r.code IS NULL",
                database) == 0, "every vacancy sits in a real county")
            let developed = try await NightlyFixture.count(
                "SELECT count(*) FROM vacancies WHERE left(region_code, 2) IN ('11','12','31','32','33','35','37','44')", database)
            #expect(developed > 300 / 10, "developed provinces are over-represented (they hold about a tenth of counties)")
            await #expect(throws: SyntheticDatasetError.officeExists("SYN")) {
                try await SyntheticDatasetLoader(database: database).load(settings) { _ in }
            }
            _ = try await PolicyStore(database: database).create(officeCode: "SYN", draft: PolicyDraft(), actor: "test")
            let outcome = try await NightlyJob(database: database).run(officeCode: "SYN", options: NightlyOptions(date: NightlyFixture.night()))
            guard case .committed(_, let report) = outcome else { Issue.record("expected a commit, got \(outcome)"); return }
            #expect(report.summary.stable)
            #expect(report.offers > 0)
            #expect(report.offers <= report.summary.seats)
        }
    }

    @Test("the same seed plans the same market")
    func deterministic() async throws {
        var markets: [[String]] = []
        for _ in 0..<2 {
            markets.append(try await withTestDatabase { (database) async throws in
                _ = try await SyntheticDatasetLoader(database: database).load(SyntheticSettings(candidates: 200, vacancies: 40, choices: 5, seed: 3)) { _ in }
                let rows = try await database.client.query(
                    "SELECT string_agg(region_code || ':' || seats, ',' ORDER BY id) FROM vacancies UNION ALL SELECT string_agg(vacancy_id::text, ',' ORDER BY ranking_id, rank) FROM ranking_entries"
                )
                var values: [String] = []
                for try await value in rows.decode(String.self) { values.append(value) }
                return values
            })
        }
        #expect(markets[0].count == 2)
        #expect(markets[0] == markets[1])
    }

    @Test("a market of nested offices: one per province with posts and the largest prefectures, each with its policy; the night commits")
    func manyOffices() async throws {
        let hashes = try await [1, 2].asyncMap { _ in
            try await withTestDatabase { (database) async throws -> String in
                let settings = SyntheticSettings(candidates: 2_000, vacancies: 300, choices: 8, seed: 7, offices: 40)
                let summary = try await SyntheticDatasetLoader(database: database).load(settings) { _ in }
                let provinces = try await NightlyFixture.count("SELECT count(DISTINCT left(region_code, 2)) FROM vacancies", database)
                #expect(summary.offices == max(40, provinces))
                #expect(try await NightlyFixture.count("SELECT count(*) FROM policies", database) == summary.offices)
                #expect(try await NightlyFixture.count(
                    "SELECT count(*) FROM vacancies v JOIN centres c ON c.id = v.centre_id JOIN offices o ON o.id = c.office_id "
                    + "WHERE NOT v.region_code LIKE (SELECT prefix FROM regions WHERE code = o.region_code) || '%'", database) == 0,
                    "every post lies in its office's region")
                let dryRun = try await NightlyJob(database: database).run(market: .only, options: NightlyOptions(date: NightlyFixture.night(), dryRun: true))
                guard case .dryRun(let report, _) = dryRun else { throw SyntheticTestFailure(outcome: "\(dryRun)") }
                #expect(report.summary.stable && report.offers > 0)
                #expect(report.offices.count == summary.offices)
                #expect(Set(report.offices.compactMap(\.policyVersion)) == [1])
                return report.snapshotHash
            }
        }
        #expect(hashes[0] == hashes[1], "the same seed gives the same market of offices")
    }
}

struct SyntheticTestFailure: Error { let outcome: String }

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
