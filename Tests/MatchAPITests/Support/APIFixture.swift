import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MatchAPI
import MatchCore
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO

/// A migrated test database with two offices in different provinces, a province office
/// above the first, a centre, a committed run for each office, and a token for each.
///
/// Office A is the demo's 巴中 office (BZ-HR, 511900) with its centres, candidates and a
/// committed night of market 'main'; office B is a Guizhou office (GZ-HR, 520000) in market
/// 'GZ' with one post and a night of its own; SC-HR (510000) is the Sichuan office above A,
/// in A's market, without a policy.
struct APIFixture: Sendable {
    struct Tokens: Sendable {
        let officeA: String
        let officeB: String
        let province: String
        let centreA: String
    }

    /// Yesterday: tests may run a second night today.
    static var night: String { NightlyFixture.night(daysAgo: 1) }

    let owner: Database
    let api: Database
    /// The trusted batch role's pool, which sees every row.
    let trusted: Database
    let tokens: Tokens
    let runA: Int64
    let runB: Int64

    func header(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    /// Rows of `sql` (a count) as the API's role, in `scope` set the way the API sets it, or
    /// with no scope at all.
    func count(_ sql: PostgresQuery, as scope: AccessScope?) async throws -> Int {
        try await Self.count(sql, in: scope.map { api.scoped($0, actor: "test") } ?? api)
    }

    /// Rows of `sql` as the trusted batch role.
    func countAll(_ sql: PostgresQuery) async throws -> Int {
        try await Self.count(sql, in: trusted)
    }

    private static func count(_ sql: PostgresQuery, in database: Database) async throws -> Int {
        try await database.transaction { connection in
            var result = -1
            for try await value in try await connection.query(sql, logger: database.logger).decode(Int.self) { result = value }
            return result
        }
    }

    func officeID(_ code: String) async throws -> Int64 {
        try await OfficeRecord.find(code: code, in: owner)?.id ?? -1
    }
}

/// Runs `body` with the fixture and a HummingbirdTesting client of the whole API router.
func withAPI(
    limits: TalentMatchServer.Limits = .init(),
    _ body: @Sendable @escaping (APIFixture, any TestClientProtocol) async throws -> Void
) async throws {
    try await TestGate.api.run { try await runAPI(limits: limits, body) }
}

private func runAPI(
    limits: TalentMatchServer.Limits,
    _ body: @Sendable @escaping (APIFixture, any TestClientProtocol) async throws -> Void
) async throws {
    let settings = try await TestCluster.shared.makeDatabase()
    let logger = TestCluster.logger
    let migrations = try MigrationSource(directory: TestCluster.schemaDirectory).load()
    // Small pools: every API test runs in parallel against the one test cluster.
    try await Database.withOpen(settings, role: .owner, logger: logger, maxConnections: 2) { owner in
        try await Database.withOpen(settings, role: .application, sessionScope: .perTransaction, logger: logger, maxConnections: 3) { api in
            try await Database.withOpen(settings, role: .application, logger: logger, maxConnections: 2) { trusted in
                let fixture = try await APIFixture.load(owner: owner, api: api, trusted: trusted)
                let server = TalentMatchServer(database: api, trustedDatabase: trusted, migrations: migrations, limits: limits)
                let app = Application(router: try server.makeRouter())
                try await app.test(.router) { client in try await body(fixture, client) }
            }
        }
    }
}

extension APIFixture {
    static func load(owner: Database, api: Database, trusted: Database) async throws -> APIFixture {
        _ = try await DemoDataset(database: owner).load()
        try await owner.transaction { connection in
            try await connection.query(
                """
                INSERT INTO offices (code, name, region_code) VALUES ('GZ-HR', '贵州省人力资源和社会保障厅', '520000'),
                                                                   ('SC-HR', '四川省人力资源和社会保障厅', '510000')
                """, logger: owner.logger)
            try await connection.query(
                """
                INSERT INTO centres (office_id, code, name, region_code)
                SELECT id, 'GZ-CENTRE', '贵州省人才交流中心', '520000' FROM offices WHERE code = 'GZ-HR'
                """, logger: owner.logger)
            try await connection.query(
                """
                INSERT INTO vacancies (centre_id, external_id, title, region_code, seats, staffing_type, accepted_modes, status)
                SELECT id, 'GZ-1', '乡村教师', '520000', 2, 'institution', '{full_transfer}', 'open' FROM centres WHERE code = 'GZ-CENTRE'
                """, logger: owner.logger)
            // Guizhou is a market of its own: no candidate ranks across the provinces here, so the
            // two offices' nights are two runs, and office B sees nothing of office A's (ADR 0030).
            try await connection.query("INSERT INTO markets (code, name) VALUES ('GZ', '贵州省')", logger: owner.logger)
            try await connection.query(
                "UPDATE offices SET market_id = (SELECT id FROM markets WHERE code = 'GZ') WHERE code = 'GZ-HR'", logger: owner.logger
            )
        }
        let policies = PolicyStore(database: owner)
        for office in [DemoDataset.officeCode, "GZ-HR"] {
            _ = try await policies.create(officeCode: office, draft: PolicyDraft(note: "test"), actor: "test")
        }
        let runA = try await committedRun(DemoDataset.officeCode, trusted)
        let runB = try await committedRun("GZ-HR", trusted)
        let tokens = TokenStore(database: owner)
        func issue(_ owner: TokenStore.Owner, _ label: String) async throws -> String {
            try await tokens.issue(for: owner, label: label, actor: "test").secret.text
        }
        return APIFixture(
            owner: owner, api: api, trusted: trusted,
            tokens: .init(officeA: try await issue(.office(code: DemoDataset.officeCode), "office A"),
                          officeB: try await issue(.office(code: "GZ-HR"), "office B"),
                          province: try await issue(.office(code: "SC-HR"), "province"),
                          centreA: try await issue(.centre(code: "BZ-CENTRE"), "centre A")),
            runA: runA, runB: runB
        )
    }

    private static func committedRun(_ office: String, _ database: Database) async throws -> Int64 {
        let outcome = try await NightlyJob(database: database).run(officeCode: office, options: NightlyOptions(date: night, actor: "test"))
        guard case .committed(let id, _) = outcome else { throw FixtureError("night for \(office) did not commit: \(outcome)") }
        return id
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
