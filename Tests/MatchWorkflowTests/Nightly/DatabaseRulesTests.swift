import Foundation
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

/// The rules that protect people hold in the database itself, even for SQL that bypasses
/// the application entirely (these tests connect as the tables' owner unless they say not).
@Suite("Rules enforced by the database")
struct DatabaseRulesTests {
    @Test("a post never has more accepted offers than seats")
    func seatsHold() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            guard case .committed(let runID, _) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            // BZ-2026-003 has one seat. Accept its offer, then force a second offer onto it.
            try await database.client.query(PostgresQuery(unsafeSQL: """
                UPDATE offers SET state = 'accepted' WHERE run_id = \(runID)
                  AND vacancy_id = (SELECT id FROM vacancies WHERE external_id = 'BZ-2026-003')
                """))
            try await database.client.query(PostgresQuery(unsafeSQL: """
                WITH spare AS (SELECT c.id FROM candidates c WHERE NOT EXISTS (SELECT 1 FROM offers o WHERE o.candidate_id = c.id) LIMIT 1),
                     post AS (SELECT id FROM vacancies WHERE external_id = 'BZ-2026-003')
                INSERT INTO offers (run_id, candidate_id, vacancy_id, choice_rank, deadline)
                SELECT \(runID), spare.id, post.id, 1, now() + interval '1 day' FROM spare, post
                """))
            let error = await #expect(throws: PSQLError.self) {
                try await database.client.query(PostgresQuery(unsafeSQL: "UPDATE offers SET state = 'accepted' WHERE run_id = \(runID) AND state = 'pending' AND vacancy_id = (SELECT id FROM vacancies WHERE external_id = 'BZ-2026-003')"))
            }
            #expect(error?.serverInfo?[.sqlState] == "23514")
            #expect(error?.serverInfo?[.message]?.contains("no seat left") == true)
        }
    }

    @Test("a candidate never holds two accepted offers")
    func oneAcceptedEach() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            guard case .committed(let runID, _) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            let offer = try #require(try await OfferListing.forRun(runID, in: database).first)
            try await database.client.query("UPDATE offers SET state = 'accepted' WHERE id = \(offer.offerID)")
            // A second run that (wrongly) offers the same person another post.
            try await database.client.query(PostgresQuery(unsafeSQL: """
                INSERT INTO match_runs (market_id, office_id, run_date, status, seed, seed_commitment, seed_secret, policy_id,
                                        snapshot_hash, solver, solver_version, started_at)
                SELECT market_id, office_id, run_date + 1, 'committed', seed, seed_commitment, seed_secret, policy_id,
                       snapshot_hash, solver, solver_version, now()
                FROM match_runs WHERE id = \(runID)
                """))
            try await database.client.query(PostgresQuery(unsafeSQL: """
                INSERT INTO offers (run_id, candidate_id, vacancy_id, choice_rank, deadline)
                SELECT max(id), \(offer.candidateID), (SELECT id FROM vacancies WHERE external_id = 'BZ-2026-002'), 1,
                       now() + interval '1 day' FROM match_runs
                """))
            let error = await #expect(throws: PSQLError.self) {
                try await database.client.query(PostgresQuery(unsafeSQL: "UPDATE offers SET state = 'accepted' WHERE candidate_id = \(offer.candidateID) AND state = 'pending'"))
            }
            #expect(error?.serverInfo?[.sqlState] == "23505", "unique violation of offers_one_accepted_idx")
        }
    }

    @Test("offer states only move forward, offers are never deleted, and every change is recorded with who and why")
    func stateMachine() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            guard case .committed(let runID, _) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            let offer = try #require(try await OfferListing.forRun(runID, in: database).first)
            let outcome = try await OfferStore(database: database)
                .decline(offerID: offer.offerID, candidateID: offer.candidateID, reason: "family reasons", actor: "candidate:\(offer.candidateID)")
            #expect(outcome == .done)
            await #expect(throws: PSQLError.self) {
                try await database.client.query("UPDATE offers SET state = 'accepted' WHERE id = \(offer.offerID)")
            }
            await #expect(throws: PSQLError.self) {
                try await database.client.query("DELETE FROM offers WHERE id = \(offer.offerID)")
            }
            let rows = try await database.client.query(
                "SELECT coalesce(from_state, '-'), to_state, actor, reason FROM offer_history WHERE offer_id = \(offer.offerID) ORDER BY at, from_state NULLS FIRST"
            )
            var transitions: [String] = []
            for try await (from, to, actor, reason) in rows.decode((String, String, String, String).self) {
                transitions.append("\(from)>\(to) by \(actor): \(reason)")
            }
            #expect(transitions == ["->pending by test: nightly match \(NightlyFixture.night())",
                                    "pending>declined by candidate:\(offer.candidateID): family reasons"])
            #expect(try await OfferStore(database: database).accept(offerID: offer.offerID, candidateID: offer.candidateID, actor: "x")
                    == .notPending(state: "declined"))
            #expect(try await OfferStore(database: database).accept(offerID: offer.offerID, candidateID: offer.candidateID + 1000, actor: "x")
                    == .notFound, "another person's offer id is not found")
        }
    }

    @Test("the application role may append to the audit log but never rewrite it; policies are immutable")
    func appendOnly() async throws {
        try await withTestDatabase(role: .application) { (database) async throws in
            try await NightlyFixture.prepare(database)
            let denied = await #expect(throws: PSQLError.self) {
                try await database.client.query("UPDATE audit_log SET actor = 'someone else'")
            }
            #expect(denied?.serverInfo?[.sqlState] == "42501", "insufficient privilege")
            await #expect(throws: PSQLError.self) { try await database.client.query("DELETE FROM audit_log") }
            let noGrant = await #expect(throws: PSQLError.self) {
                try await database.client.query("UPDATE policies SET offer_days = 30")
            }
            #expect(noGrant?.serverInfo?[.sqlState] == "42501")
            #expect(try await NightlyFixture.count("SELECT count(*) FROM audit_log WHERE action = 'policy.create'", database) == 1)
        }
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            let error = await #expect(throws: PSQLError.self) { try await database.client.query("TRUNCATE audit_log") }
            #expect(error?.serverInfo?[.message]?.contains("append-only") == true, "even the owner is refused by the trigger")
            let immutable = await #expect(throws: PSQLError.self) {
                try await database.client.query("UPDATE policies SET offer_days = 30")
            }
            #expect(immutable?.serverInfo?[.message]?.contains("immutable") == true, "even the owner cannot edit a version")
        }
    }

    @Test("a run's snapshot hash is set once, and no run commits with the placeholder")
    func snapshotHashSetOnce() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            guard case .committed(let runID, _) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            let rewrite = await #expect(throws: PSQLError.self) {
                try await database.client.query("UPDATE match_runs SET snapshot_hash = repeat('a', 64) WHERE id = \(runID)")
            }
            #expect(rewrite?.serverInfo?[.message]?.contains("set once and never changed") == true, "even the owner is refused")
            // In one explicit transaction, as the nightly writer does: the check runs at COMMIT.
            let placeholder = await #expect(throws: PSQLError.self) {
                try await database.client.withConnection { connection in
                    try await connection.query("BEGIN", logger: database.logger)
                    try await connection.query(PostgresQuery(unsafeSQL: """
                        INSERT INTO match_runs (market_id, office_id, run_date, status, seed, seed_commitment, seed_secret, policy_id,
                                                snapshot_hash, solver, solver_version, started_at, verification, counts, summary,
                                                committed_by, commit_reason)
                        SELECT market_id, office_id, run_date + 1, status, seed, seed_commitment, seed_secret, policy_id,
                               repeat('0', 64), solver, solver_version, started_at, verification, counts, summary,
                               committed_by, commit_reason
                        FROM match_runs WHERE id = \(runID)
                        """), logger: database.logger)
                    try await connection.query("COMMIT", logger: database.logger)
                }
            }
            #expect(placeholder?.serverInfo?[.message]?.contains("committed without its snapshot hash") == true)
            #expect(try await NightlyFixture.count("SELECT count(*) FROM match_runs", database) == 1)
        }
    }

    @Test("an offer names a real candidate, vacancy and run, and none can be deleted while an offer names it")
    func offeredRowsStay() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            guard case .committed(let runID, _) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            let offer = try #require(try await OfferListing.forRun(runID, in: database).first)
            let ghost = await #expect(throws: PSQLError.self) {
                try await database.client.query(PostgresQuery(unsafeSQL: """
                    INSERT INTO offers (run_id, candidate_id, vacancy_id, choice_rank, deadline)
                    VALUES (\(runID), 987654321, \(offer.vacancyID), 1, now())
                    """))
            }
            #expect(ghost?.serverInfo?[.sqlState] == "23503")
            #expect(ghost?.serverInfo?[.message]?.contains("candidate 987654321, which does not exist") == true)
            let noRun = await #expect(throws: PSQLError.self) {
                try await database.client.query(PostgresQuery(unsafeSQL: """
                    INSERT INTO offers (run_id, candidate_id, vacancy_id, choice_rank, deadline)
                    SELECT 987654321, min(c.id), \(offer.vacancyID), 1, now() FROM candidates c
                    WHERE NOT EXISTS (SELECT 1 FROM offers o WHERE o.candidate_id = c.id)
                    """))
            }
            #expect(noRun?.serverInfo?[.sqlState] == "23503")
            #expect(noRun?.serverInfo?[.message]?.contains("run 987654321, which does not exist") == true)
            for (table, id) in [("candidates", offer.candidateID), ("vacancies", offer.vacancyID), ("match_runs", runID)] {
                let kept = await #expect(throws: PSQLError.self) {
                    try await database.client.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE id = \(id)"))
                }
                #expect(kept?.serverInfo?[.sqlState] == "23503", "\(table) \(id) is offered, so it stays")
                #expect(kept?.serverInfo?[.message]?.contains("has offers and is never deleted") == true)
            }
        }
    }
}
