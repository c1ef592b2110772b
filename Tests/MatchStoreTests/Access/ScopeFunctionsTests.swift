import Foundation
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

/// Row-level security rests on these functions reading the transaction's scope; migration
/// 0081 rewrote them to be cheap, and must not have changed what any of them returns.
@Suite("Row-level security's scope functions")
struct ScopeFunctionsTests {
    struct Answer: Equatable, CustomStringConvertible {
        let centre: Int64?, office: Int64?, pattern: String?, offices: [Int64], market: Int64?
        var description: String { "centre \(centre as Any), office \(office as Any), \(pattern as Any), \(offices), market \(market as Any)" }
    }

    @Test("each scope setting gives exactly its centre, office, region pattern, offices and market")
    func answers() async throws {
        try await withTestDatabase { database in
            // A province with a prefecture below it, and a prefecture elsewhere.
            try await database.client.query(
                """
                INSERT INTO offices (code, name, region_code) VALUES
                    ('SC-HR', '四川省人社厅', '510000'), ('GY-HR', '广元市人社局', '510800'), ('GZ-HR', '贵州省人社厅', '520000')
                """)
            let office = try await Self.firstOffice(database)
            #expect(office.below.count == 2)
            let cases: [(String, Answer)] = [
                ("centre:12", Answer(centre: 12, office: nil, pattern: nil, offices: [], market: nil)),
                ("office:\(office.id)", Answer(centre: nil, office: office.id, pattern: office.prefix + "%", offices: office.below, market: office.market)),
                ("office:999999", Answer(centre: nil, office: 999_999, pattern: nil, offices: [], market: nil)),
                ("system", Answer(centre: nil, office: nil, pattern: nil, offices: [], market: nil)),
                ("centre:", Answer(centre: nil, office: nil, pattern: nil, offices: [], market: nil)),
                ("centre:12;office:3", Answer(centre: nil, office: nil, pattern: nil, offices: [], market: nil)),
                ("office:1234567890123456789", Answer(centre: nil, office: nil, pattern: nil, offices: [], market: nil)),
                ("", Answer(centre: nil, office: nil, pattern: nil, offices: [], market: nil)),
            ]
            for (setting, expected) in cases {
                #expect(try await Self.answer(setting, database) == expected, "scope '\(setting)'")
            }
        }
    }

    private static func answer(_ setting: String, _ database: Database) async throws -> Answer {
        try await database.transaction { connection in
            try await connection.query("SELECT set_config('talentmatch.scope', \(setting), true)", logger: database.logger)
            let rows = try await connection.query(
                """
                SELECT talentmatch_scope_centre(), talentmatch_scope_office(), talentmatch_scope_region_pattern(),
                       (SELECT array_agg(x ORDER BY x) FROM unnest(talentmatch_scope_offices()) x), talentmatch_scope_market()
                """,
                logger: database.logger)
            for try await (centre, office, pattern, offices, market) in rows.decode((Int64?, Int64?, String?, [Int64]?, Int64?).self) {
                return Answer(centre: centre, office: office, pattern: pattern, offices: offices ?? [], market: market)
            }
            return Answer(centre: nil, office: nil, pattern: nil, offices: [], market: nil)
        }
    }

    /// An office of the test database, its region's prefix, the offices at or below it, and its market.
    private static func firstOffice(_ database: Database) async throws -> (id: Int64, prefix: String, below: [Int64], market: Int64?) {
        let rows = try await database.query(
            """
            SELECT o.id, r.prefix,
                   (SELECT array_agg(b.id ORDER BY b.id) FROM offices b WHERE b.region_code LIKE r.prefix || '%'), o.market_id
            FROM offices o JOIN regions r ON r.code = o.region_code ORDER BY o.id LIMIT 1
            """)
        for try await row in rows.decode((Int64, String, [Int64], Int64?).self) { return row }
        throw CancellationError()
    }
}
