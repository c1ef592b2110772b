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
}
