import Crypto
import Foundation
import MatchCore
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

@Suite("Runs from before markets survive the migration")
struct LegacyRunTests {
    /// What an office's night stored before markets: a `talentmatch.instance/1` snapshot (the
    /// post admits neither applicant, so the run made no offer).
    static let snapshot = Array(#"""
        {"format": "talentmatch.instance/1", "seed": 42,
         "candidates": [{"id": "c1", "ranking": ["v1"]}, {"id": "c2", "ranking": ["v1"]}],
         "vacancies": [{"id": "v1", "capacity": 1, "ranking": []}]}
        """#.utf8)

    @Test("An office's run written under main's schema stays listed with its office and policy, readable by that office only, and exportable")
    func officeRunAfterMigration() async throws {
        let settings = try await TestCluster.shared.makeDatabase(migrated: false)
        let all = try MigrationSource(directory: TestCluster.schemaDirectory).load()
        let runID = try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            // The schema before markets: every migration before issue 14's (0030–0039). Later
            // ones (0081 replaces a function 0031 creates) came after it, as they do in every upgrade.
            _ = try await MigrationRunner(database: database, migrations: all.filter { $0.version < 30 }).migrate()
            // The tables that schema had: the county outlines came later (migration 0104).
            try await ShippedReference(directory: TestCluster.schemaDirectory + "/reference").loadTables(into: ReferenceStore(database: database)) { _ in }
            try await database.client.query(
                "INSERT INTO offices (code, name, region_code) VALUES ('BZ-HR', '巴中', '511900'), ('GY-HR', '广元', '510800')"
            )
            _ = try await PolicyStore(database: database).create(officeCode: "BZ-HR", draft: PolicyDraft(), actor: "test")
            let id = try await Self.writeOfficeRun(database)
            let report = try await MigrationRunner(database: database, migrations: all).migrate()
            #expect(report.applied.contains("0031_market_nights.sql"))
            return id
        }
        // As the CLI reads it (`runs list`, `export`): the application role.
        try await Database.withOpen(settings, role: .application, logger: TestCluster.logger) { database in
            let run = try #require(try await RunReports(database: database).recent().first)
            #expect(run.id == runID && run.market == "main" && run.office == "BZ-HR" && run.policyVersion == 1)
            #expect(run.date == "2026-11-20" && run.status == "committed" && run.seedCommitment == nil)
            let export = RunExport(database: database)
            #expect(try await export.snapshot(runID: runID) == Self.snapshot, "the stored input, byte for byte")
            let result = String(decoding: try await export.resultJSON(runID: runID), as: UTF8.self)
            #expect(result.contains("talentmatch.result/1") && result.contains(#""seed":42"#) && result.contains("\"c2\""), "\(result)")
        }
        // As the API reads it: scoped to one office under row-level security.
        try await Database.withOpen(settings, role: .application, sessionScope: .perTransaction, logger: TestCluster.logger) { database in
            let offices = try await Self.officeIDs(database)
            let own = database.scoped(.office(id: offices["BZ-HR"] ?? 0), actor: "test")
            #expect(try await RunReports(database: own).detail(runID: runID, officeID: offices["BZ-HR"] ?? 0) != nil, "its office reads it")
            let other = database.scoped(.office(id: offices["GY-HR"] ?? 0), actor: "test")
            #expect(try await RunReports(database: other).detail(runID: runID, officeID: offices["GY-HR"] ?? 0) == nil, "another office does not")
        }
    }

    /// The rows main's nightly job wrote for an office's night that made no offer.
    private static func writeOfficeRun(_ database: Database) async throws -> Int64 {
        let hash = SHA256.hash(data: snapshot).map { String(format: "%02x", $0) }.joined()
        let rows = try await database.client.query(
            """
            INSERT INTO match_runs (office_id, run_date, status, seed, policy_id, snapshot_hash, solver, solver_version, started_at)
            SELECT o.id, '2026-11-20', 'committed', 42, p.id, \(hash), 'deferred-acceptance', 'test', now()
            FROM offices o JOIN policies p ON p.office_id = o.id WHERE o.code = 'BZ-HR'
            RETURNING id
            """
        )
        var runID: Int64 = 0
        for try await id in rows.decode(Int64.self) { runID = id }
        try await database.client.query(
            "INSERT INTO match_run_snapshots (run_id, part, instance) VALUES (\(runID), 0, \(ByteBuffer(bytes: snapshot)))"
        )
        return runID
    }

    private static func officeIDs(_ database: Database) async throws -> [String: Int64] {
        try await database.transaction { connection in
            var ids: [String: Int64] = [:]
            for try await (code, id) in try await connection.query("SELECT code, id FROM offices", logger: database.logger)
                .decode((String, Int64).self) { ids[code] = id }
            return ids
        }
    }
}
