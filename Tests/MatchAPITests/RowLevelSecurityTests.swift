import Hummingbird
import HummingbirdTesting
@testable import MatchStore
import PostgresNIO
import Testing

/// The proof: office A reads 0 rows of office B, through the handlers and through
/// raw SQL as the application role with A's scope set.
@Suite("Row-level security")
struct RowLevelSecurityTests {
    @Test("raw SQL as talentmatch_app: office A sees none of office B's rows, and its own")
    func rawSQL() async throws {
        try await withAPI { fixture, _ in
            let a = AccessScope.office(id: try await fixture.officeID("BZ-HR"))
            let b = try await fixture.officeID("GZ-HR")
            let ofB: [(String, PostgresQuery)] = [
                ("vacancies", "SELECT count(*)::int FROM vacancies v JOIN centres c ON c.id = v.centre_id WHERE c.office_id = \(b)"),
                // B's market (Guizhou) runs its own nights (ADR 0030).
                ("runs", "SELECT count(*)::int FROM match_runs WHERE market_id = (SELECT market_id FROM offices WHERE id = \(b))"),
                ("run parts", "SELECT count(*)::int FROM match_run_offices WHERE office_id = \(b)"),
                ("policies", "SELECT count(*)::int FROM policies WHERE office_id = \(b)"),
                ("run snapshots", """
                    SELECT count(*)::int FROM match_run_snapshots s JOIN match_runs r ON r.id = s.run_id
                    WHERE r.market_id = (SELECT market_id FROM offices WHERE id = \(b))
                    """),
            ]
            for (name, sql) in ofB {
                #expect(try await fixture.countAll(sql) > 0, "office B has \(name)")
                #expect(try await fixture.count(sql, as: a) == 0, "office A reads none of office B's \(name)")
            }
            #expect(try await fixture.count("SELECT count(*)::int FROM vacancies", as: a) > 0)
            #expect(try await fixture.count("SELECT count(*)::int FROM match_runs", as: a) == 1)
            #expect(try await fixture.count("SELECT count(*)::int FROM offers", as: a) > 0)
            // Candidates: only the people offered one of A's posts; their rankings not at all.
            let offered = try await fixture.countAll("SELECT count(DISTINCT candidate_id)::int FROM offers")
            #expect(try await fixture.count("SELECT count(*)::int FROM candidates", as: a) == offered)
            #expect(try await fixture.count("SELECT count(*)::int FROM rankings", as: a) == 0)
            #expect(try await fixture.countAll("SELECT count(*)::int FROM candidates") > offered)
        }
    }

    @Test("with no scope, or a scope it invents, the API's role reads nothing at all; the batch role reads everything")
    func unsetScopeDenies() async throws {
        try await withAPI { fixture, _ in
            for table in ["vacancies", "offers", "match_runs", "policies", "candidates", "match_assignments", "rankings"] {
                let query: PostgresQuery = "SELECT count(*)::int FROM \(unescaped: table)"
                #expect(try await fixture.countAll(query) > 0, "\(table) has rows")
                let unscoped = try await fixture.count(query, as: nil)
                #expect(unscoped == 0, "\(table) without a scope")
                let invented = try await fixture.api.transaction { connection in
                    try await connection.query("SELECT set_config('talentmatch.scope', 'system', true)", logger: fixture.api.logger)
                    var rows = -1
                    for try await value in try await connection.query(query, logger: fixture.api.logger).decode(Int.self) { rows = value }
                    return rows
                }
                #expect(invented == 0, "\(table) with an invented scope")
            }
        }
    }

    @Test("a centre sees its own posts only, and cannot insert one for another centre")
    func centreScope() async throws {
        try await withAPI { fixture, _ in
            let centres = try await fixture.owner.transaction { connection in
                var ids: [String: Int64] = [:]
                for try await (code, id) in try await connection.query("SELECT code, id FROM centres", logger: fixture.owner.logger)
                    .decode((String, Int64).self) { ids[code] = id }
                return ids
            }
            let bz = try #require(centres["BZ-CENTRE"]), gz = try #require(centres["GZ-CENTRE"])
            #expect(try await fixture.count("SELECT count(*)::int FROM vacancies WHERE centre_id = \(gz)", as: .centre(id: bz)) == 0)
            #expect(try await fixture.count("SELECT count(*)::int FROM vacancies WHERE centre_id <> \(bz)", as: .centre(id: bz)) == 0)
            #expect(try await fixture.count("SELECT count(*)::int FROM vacancies", as: .centre(id: bz)) > 0)
            await #expect(throws: (any Error).self) {
                try await fixture.api.scoped(.centre(id: bz), actor: "test").transaction { connection in
                    try await connection.query(
                        """
                        INSERT INTO vacancies (centre_id, external_id, title, region_code, seats, staffing_type, accepted_modes)
                        VALUES (\(gz), 'X', 'x', '520000', 1, 'contract', '{remote}')
                        """, logger: fixture.api.logger)
                }
            }
        }
    }

    @Test("through the handlers: office A gets 404 for office B's runs and policy; the province sees A's")
    func handlers() async throws {
        try await withAPI { fixture, client in
            let a = fixture.header(fixture.tokens.officeA)
            for uri in ["/api/v1/runs/\(fixture.runB)", "/api/v1/offices/GZ-HR/runs", "/api/v1/offices/GZ-HR/policy"] {
                try await client.execute(uri: uri, method: .get, headers: a) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.isProblem)
                }
            }
            try await client.execute(uri: "/api/v1/runs/\(fixture.runA)", method: .get, headers: a) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/runs/\(fixture.runA)", method: .get, headers: fixture.header(fixture.tokens.province)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/runs/\(fixture.runA)", method: .get, headers: fixture.header(fixture.tokens.officeB)) {
                #expect($0.status == .notFound)
            }
        }
    }
}
