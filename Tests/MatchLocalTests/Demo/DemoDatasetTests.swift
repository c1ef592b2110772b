import MatchLocal
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

@Suite("Demo dataset")
struct DemoDatasetTests {
    @Test("the demo loads once; a second load changes nothing")
    func loadsOnce() async throws {
        try await withTestDatabase { (database) async throws in
            let first = try await DemoDataset(database: database).load()
            #expect(first.alreadyLoaded == false)
            #expect(first.vacancies == 8)
            #expect(first.candidates == 24)
            let second = try await DemoDataset(database: database).load()
            #expect(second.alreadyLoaded)
            let rows = try await database.client.query(
                "SELECT (SELECT count(*) FROM vacancies WHERE status = 'open'), (SELECT count(*) FROM ranking_entries), (SELECT count(*) FROM vacancy_household_rules)"
            )
            for try await (open, entries, rules) in rows.decode((Int, Int, Int).self) {
                #expect(open == 8)
                #expect(entries > 24)
                #expect(rules == 1)
            }
        }
    }

    @Test("a household rule without a legal basis is rejected by the database itself")
    func ruleNeedsBasis() async throws {
        try await withTestDatabase { (database) async throws in
            _ = try await DemoDataset(database: database).load()
            let error = await #expect(throws: PSQLError.self) {
                try await database.client.query(
                    "INSERT INTO vacancy_household_rules (vacancy_id, kind, region_code, legal_basis) SELECT id, 'registered_within', '511900', '  ' FROM vacancies LIMIT 1"
                )
            }
            #expect(error?.serverInfo?[.sqlState] == "23514", "check_violation")
        }
    }

    @Test("the two-office demo market: 广元 joins with its own policy, and six people rank posts of both offices")
    func twoOffices() async throws {
        try await withTestDatabase { (database) async throws in
            let first = try await DemoDataset(database: database).load(.bazhongAndGuangyuan)
            #expect(first.offices == 2 && first.vacancies == 11 && first.candidates == 30)
            #expect(try await DemoDataset(database: database).load(.bazhongAndGuangyuan).alreadyLoaded)
            let crossing = try await NightlyFixture.count(
                """
                SELECT count(*) FROM rankings k WHERE (SELECT count(DISTINCT c.office_id) FROM unnest(k.choices) AS x(id)
                                                        JOIN vacancies v ON v.id = x.id JOIN centres c ON c.id = v.centre_id) = 2
                """, database)
            #expect(crossing == 6)
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM policies p JOIN offices o ON o.id = p.office_id WHERE o.code = 'GY-HR'", database) == 1)
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM vacancy_household_rules WHERE kind = 'registered_outside'", database) == 1)
        }
    }
}
