import Crypto
import Foundation
import MatchCore
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

@Suite("The night's lottery: committed before the results, revealed with them, replayable")
struct LotteryNightTests {
    @Test("The commitment is published, and the secret hidden from the API, while the night has not committed; then the secret is revealed and matches")
    func commitmentBeforeResults() async throws {
        try await withTestDatabase(role: .application) { database in
            try await NightlyFixture.prepare(database)
            try await Database.withOpen(database.settings, role: .application, sessionScope: .perTransaction, logger: database.logger,
                                        maxConnections: 2) { api in
                try await Database.withOpen(database.settings, logger: database.logger, maxConnections: 2) { owner in
                    // The write's last statement is its audit entry: holding the audit log's lock keeps
                    // the night's results uncommitted while the test looks at what is public.
                    let (runID, report) = try await owner.withConnection { blocker in
                        try await blocker.query("BEGIN", logger: owner.logger)
                        try await blocker.query("LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE", logger: owner.logger)
                        let night = Task { try await NightlyFixture.run(database) }
                        var commitment: String?
                        for _ in 0..<1200 where commitment == nil {
                            commitment = try await Self.publishedCommitment(owner)
                            if commitment == nil { try await Task.sleep(for: .milliseconds(50)) }
                        }
                        #expect(commitment != nil, "the commitment is public while the night runs")
                        #expect(try await NightlyFixture.count("SELECT count(*) FROM match_runs", owner) == 0, "no result exists yet")
                        #expect(try await Self.visibleSecrets(api) == 0, "the API's role cannot read the secret")
                        #expect(try await NightlyFixture.count("SELECT count(*) FROM market_freeze_secrets", owner) == 1)
                        try await blocker.query("COMMIT", logger: owner.logger)
                        guard case .committed(let runID, let report) = try await night.value else { throw Unexpected() }
                        #expect(report.lottery?.commitment == commitment)
                        return (runID, report)
                    }
                    let lottery = try #require(report.lottery)
                    #expect(LotteryReveal.hex(Array(SHA256.hash(data: lottery.secret))) == lottery.commitment, "the revealed secret is the one committed to")
                    #expect(report.seed == lottery.seed)
                    let run = try #require(try await RunReports(database: database).run(runID))
                    #expect(run.seedSecret == lottery.secretHex && run.seedCommitment == lottery.commitment && run.seed == lottery.seed)
                    #expect(try await NightlyFixture.count("SELECT count(*) FROM market_freezes WHERE released_at IS NULL", owner) == 0,
                            "rankings thaw with the results")
                }
            }
        }
    }

    @Test("The snapshot stores the lottery; re-solving it reproduces the run, and the export checks the secret against the commitment")
    func replayFromSnapshot() async throws {
        try await withTestDatabase(role: .application) { database in
            try await NightlyFixture.prepare(database, regions: [.init(region: RegionCode("5119")!, cap: 12), .init(region: RegionCode("511921")!, floor: 2)])
            guard case .committed(let runID, let report) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            let bytes = try await RunExport(database: database).snapshot(runID: runID)
            #expect(String(decoding: bytes.prefix(40), as: UTF8.self).contains("talentmatch.instance/2"))
            let document = try InstanceDocument.decode(bytes)
            #expect(document.lottery == report.lottery)
            let outcome = MatchEngine.solve(document.instance)
            var resolved: [Int64: Int64] = [:]
            for (candidate, vacancy) in outcome.assignment.enumerated() where vacancy >= 0 {
                resolved[Int64(document.instance.candidateIDs[candidate].dropFirst())!] = Int64(document.instance.vacancyIDs[Int(vacancy)].dropFirst())!
            }
            #expect(resolved == (try await NightlyFixture.assignments(runID, database)))
            _ = try await RunExport(database: database).resultJSON(runID: runID)
            // A secret that does not hash to the published commitment is refused by the database.
            let refused = await #expect(throws: PSQLError.self) {
                try await database.client.query("UPDATE match_runs SET seed_secret = repeat('0', 64) WHERE id = \(runID)")
            }
            #expect(refused?.serverInfo?[.message]?.contains("match_runs_secret_matches") == true)
        }
    }

    @Test("Rankings cannot change while the market is frozen, in the store and in the database")
    func frozenRankings() async throws {
        try await withTestDatabase(role: .application) { database in
            try await NightlyFixture.prepare(database)
            let rows = try await database.client.query(
                "SELECT k.candidate_id, k.choices FROM rankings k WHERE cardinality(k.choices) > 0 ORDER BY k.candidate_id LIMIT 1"
            )
            var found: (Int64, [Int64])?
            for try await row in rows.decode((Int64, [Int64]).self) { found = row }
            let (candidate, choices) = try #require(found)
            // Secret: 32 zero bytes; its SHA-256 is the commitment.
            try await database.client.query(
                """
                INSERT INTO market_freezes (market_id, night, commitment)
                VALUES (sole_market(), current_date, '66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925')
                """
            )
            // The store answers before it looks at anything else (a demo candidate has no account).
            let outcome = try await RankingStore(database: database).replace(candidateID: candidate, with: Array(choices.reversed()), source: "test")
            #expect(outcome == .frozen)
            await #expect(throws: DatabaseError.self) {
                try await database.transaction { connection in
                    try await connection.query("INSERT INTO rankings (candidate_id, version) VALUES (\(candidate), 99)", logger: database.logger)
                }
            }
            try await database.client.query("UPDATE market_freezes SET released_at = now(), secret = repeat('0', 64)")
            try await database.transaction { connection in
                try await connection.query("INSERT INTO rankings (candidate_id, version) VALUES (\(candidate), 99)", logger: database.logger)
            }
            #expect(try await NightlyFixture.count("SELECT count(*) FROM rankings WHERE version = 99", database) == 1, "thawed with the results")
        }
    }

    private static func publishedCommitment(_ database: Database) async throws -> String? {
        let rows = try await database.client.query("SELECT commitment FROM market_freezes WHERE released_at IS NULL")
        for try await commitment in rows.decode(String.self) { return commitment }
        return nil
    }

    /// Secrets the API's role reads, in an office's scope.
    private static func visibleSecrets(_ api: Database) async throws -> Int {
        try await api.scoped(.office(id: 1), actor: "test").transaction { connection in
            var count = -1
            for try await value in try await connection.query("SELECT count(*)::int FROM market_freeze_secrets", logger: api.logger).decode(Int.self) {
                count = value
            }
            return count
        }
    }

    struct Unexpected: Error {}
}
