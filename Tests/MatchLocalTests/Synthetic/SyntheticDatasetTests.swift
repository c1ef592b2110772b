import Foundation
import MatchCore
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

@Suite("Synthetic datasets in PostgreSQL")
struct SyntheticDatasetTests {
    static let shipped = ShippedReference(directory: TestCluster.schemaDirectory + "/reference")

    @Test("a synthetic market loads with real codes, and its nightly match commits a verified run")
    func loadAndMatch() async throws {
        try await withTestDatabase { (database) async throws in
            let settings = SyntheticSettings(candidates: 3_000, vacancies: 300, choices: 10, seed: 7)
            let summary = try await SyntheticDatasetLoader(database: database).load(settings, reference: Self.shipped) { _ in }
            #expect(summary.vacancies == 300)
            #expect(summary.candidates == 3_000)
            #expect(summary.rankingEntries > 20_000, "most candidates fill their 10 choices; small disciplines have fewer vacancies")
            // Profile versions (ADR 0050): one per seeded candidate, written set-wise by the
            // candidates' and specialties' statement triggers, and equal to the profile itself.
            #expect(try await NightlyFixture.count("SELECT count(*) FROM candidate_profile_versions", database) == 3_000)
            #expect(try await NightlyFixture.count(
                """
                SELECT count(*) FROM candidates c JOIN candidate_profile_versions v ON v.candidate_id = c.id
                WHERE (v.education, v.title, v.experience_years, v.hukou_region_code, v.current_region_code, v.accepted_modes, v.programmes,
                       v.hardship_willing, v.specialties)
                      = (c.education, c.title, c.experience_years, c.hukou_region_code, c.current_region_code, c.accepted_modes, c.programmes,
                         c.hardship_willing, coalesce((SELECT array_agg(s.specialty_code ORDER BY s.position) FROM candidate_specialties s
                                                       WHERE s.candidate_id = c.id), '{}'))
                """, database) == 3_000, "each version holds its candidate's profile and specialties in order")
            // Post requirement versions (ADR 0051): one per seeded post, written set-wise by the
            // posts', specialties' and household rules' statement triggers, equal to the post.
            #expect(try await NightlyFixture.count("SELECT count(*) FROM vacancy_requirement_versions", database) == 300)
            #expect(try await NightlyFixture.count(
                """
                SELECT count(*) FROM vacancies v JOIN vacancy_requirement_versions r ON r.vacancy_id = v.id
                WHERE (r.region_code, r.min_education, r.min_title, r.min_experience_years, r.accepted_modes, r.specialties,
                       r.household_rules)
                      = (v.region_code, v.min_education, v.min_title, v.min_experience_years, v.accepted_modes,
                         coalesce((SELECT jsonb_agg(jsonb_build_array(s.specialty_code, s.accepted_fit) ORDER BY s.specialty_code)
                                   FROM vacancy_specialties s WHERE s.vacancy_id = v.id), '[]'),
                         coalesce((SELECT jsonb_agg(jsonb_build_object('kind', h.kind, 'region_code', h.region_code,
                                                                       'legal_basis', h.legal_basis) ORDER BY h.id)
                                   FROM vacancy_household_rules h WHERE h.vacancy_id = v.id), '[]'))
                """, database) == 300, "each post has a version holding its requirements")
            #expect(try await NightlyFixture.count("SELECT count(*) FROM vacancy_requirement_versions WHERE specialties <> '[]'",
                                                   database) > 0, "the specialties' statement completed the posts' versions")
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM vacancies v LEFT JOIN regions r ON r.code = v.region_code WHERE r.level <> 'county' OR r.code IS NULL",
                database) == 0, "every vacancy sits in a real county")
            let developed = try await NightlyFixture.count(
                "SELECT count(*) FROM vacancies WHERE left(region_code, 2) IN ('11','12','31','32','33','35','37','44')", database)
            #expect(developed > 300 / 10, "developed provinces are over-represented (they hold about a tenth of counties)")
            await #expect(throws: SyntheticDatasetError.officeExists("SYN")) {
                try await SyntheticDatasetLoader(database: database).load(settings, reference: Self.shipped) { _ in }
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
                _ = try await SyntheticDatasetLoader(database: database).load(SyntheticSettings(candidates: 200, vacancies: 40, choices: 5, seed: 3), reference: Self.shipped) { _ in }
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
                let summary = try await SyntheticDatasetLoader(database: database).load(settings, reference: Self.shipped) { _ in }
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

    @Test("a seed gives the same first night whatever reference editions the database has in force")
    func sameMarketUnderLaterEditions() async throws {
        var hashes: [String] = []
        var used: Set<String> = []
        for later in [false, true] {
            let spared = used
            let (hash, regions) = try await withTestDatabase { (database) async throws -> (String, Set<String>) in
                if later { try await Self.loadLaterEditions(database, sparing: spared) }
                _ = try await SyntheticDatasetLoader(database: database)
                    .load(SyntheticSettings(candidates: 400, vacancies: 60, choices: 8, seed: 42), reference: Self.shipped) { _ in }
                _ = try await PolicyStore(database: database).create(officeCode: "SYN", draft: PolicyDraft(), actor: "test")
                // One lottery for both databases: a night's secret is drawn afresh each time (ADR 0031).
                var options = NightlyOptions(date: NightlyFixture.night())
                options.drawLottery = { try LotteryReveal(secret: Self.secret, commitment: Self.commitment) }
                let outcome = try await NightlyJob(database: database).run(officeCode: "SYN", options: options)
                guard case .committed(_, let report) = outcome else { Issue.record("expected a commit, got \(outcome)"); return ("", []) }
                #expect(report.exclusions.isEmpty, "no post was left out of the night: \(report.exclusions)")
                return (report.snapshotHash, try await Self.regionsInUse(database))
            }
            hashes.append(hash)
            used = regions
        }
        #expect(!hashes[0].isEmpty)
        #expect(hashes[0] == hashes[1], "the market is drawn from the shipped editions, not from those in force")
    }

    @Test("a market goes only into a database without candidates or vacancies, so its ids never depend on what was there")
    func refusesAPopulatedDatabase() async throws {
        try await withTestDatabase { (database) async throws in
            _ = try await SyntheticDatasetLoader(database: database)
                .load(SyntheticSettings(candidates: 50, vacancies: 10, choices: 3, seed: 1, officeCode: "OTHER"), reference: Self.shipped) { _ in }
            await #expect(throws: SyntheticDatasetError.databaseNotEmpty) {
                try await SyntheticDatasetLoader(database: database)
                    .load(SyntheticSettings(candidates: 50, vacancies: 10, choices: 3, seed: 42), reference: Self.shipped) { _ in }
            }
            #expect(try await NightlyFixture.count("SELECT count(*) FROM offices WHERE code = 'SYN'", database) == 0, "nothing was half-written")
        }
    }

    /// A fixed lottery secret (bytes 1…32) and its SHA-256.
    static let secret = Array(UInt8(1)...UInt8(32))
    static let commitment = "ae216c2ef5247a3782c135efa279a3e4cdc61094270f5d2be58c6204b7a612c9"

    /// The counties the market's posts and people lie in.
    static func regionsInUse(_ database: Database) async throws -> Set<String> {
        let rows = try await database.client.query(
            "SELECT region_code FROM vacancies UNION SELECT hukou_region_code FROM candidates WHERE hukou_region_code IS NOT NULL"
        )
        var codes: Set<String> = []
        for try await code in rows.decode(String.self) { codes.insert(code) }
        return codes
    }

    /// A database that has lived a while: a later key assistance list (five counties) and a
    /// later region table without one county, both loaded as an office would load them. The
    /// county retired is one where the market has no post and nobody lives: a post in a retired
    /// county is left out of the night with its reason (issue 14), which is another night.
    static func loadLaterEditions(_ database: Database, sparing used: Set<String>) async throws {
        let folder = TestCluster.schemaDirectory + "/reference/"
        let keyLines = try String(contentsOfFile: folder + "key_assistance_counties.csv", encoding: .utf8)
            .split(whereSeparator: \.isNewline).prefix(6).joined(separator: "\n")
        let keyList = DesignationList(
            kind: .keyAssistanceCounty, title: "国家乡村振兴重点帮扶县", complete: false,
            edition: ReferenceEdition(dataset: .designations, edition: "test: a later list", source: "test", effectiveDate: "2026-12-01")
        )
        let key = try DesignationRecord.parse(CSVTable(fileName: "key.csv", text: keyLines), withCategory: false)
        _ = try await ReferenceStore(database: database).loadDesignations(key.records, list: keyList, fileName: "key.csv")
        let regionLines = try String(contentsOfFile: folder + "regions.csv", encoding: .utf8).split(whereSeparator: \.isNewline)
        let firstCounty = regionLines.firstIndex { $0.contains(",county,") && !used.contains(String($0.prefix { $0 != "," })) } ?? 1
        var later = regionLines
        later.remove(at: firstCounty)
        let regions = try RegionRecord.parse(CSVTable(fileName: "regions.csv", text: later.joined(separator: "\n")))
        _ = try await ReferenceStore(database: database).loadRegions(regions, edition: ReferenceEdition(
            dataset: .regions, edition: "test: a later table", source: "test", effectiveDate: "2026-12-01"))
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
