import Foundation
import MatchCore
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

/// A night is explained with the profile the candidate had when it ran (ADR 0050), read from
/// the profile versions the database records on every change, not with today's profile.
@Suite("A night's own profile")
struct NightProfileVersionTests {
    @Test("education edited after a night: that night keeps its scores and verdicts, the next night uses the new education")
    func editAfterNight() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            let first = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(database, date: NightlyFixture.night(daysAgo: 1))))
            let store = CandidateNightStore(database: database)
            let candidate = try await Self.unofferedCandidate(first, database)
            let before = try #require(try await store.night(candidateID: candidate, runID: first))
            #expect(!before.profileChangedSince && before.profileFromNight)

            let profiles = CandidateProfileStore(database: database)
            var record = try #require(try await profiles.load(candidateID: candidate))
            record.education = record.education == "doctorate" ? "associate" : "doctorate"
            try await profiles.save(candidateID: candidate, record, source: "test")
            let today = try #require(try await profiles.engineProfile(candidateID: candidate))
            // What a page reading today's profile would say: the edit must change it, or this test means nothing.
            let withToday = try await store.explain(candidate, profile: today, runID: first, choices: before.posts.map(\.vacancyID),
                                                    offered: nil, offeredRank: nil)
            #expect(withToday.map(\.breakdown) != before.posts.map(\.breakdown), "the new education changes the night's scores")

            let after = try #require(try await store.night(candidateID: candidate, runID: first))
            #expect(after.posts == before.posts, "that night's scores, breakdowns and verdicts")
            #expect(after.profileChangedSince && after.profileFromNight)

            let second = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(database)))
            let next = try #require(try await store.night(candidateID: candidate, runID: second))
            let expected = try await store.explain(candidate, profile: today, runID: second, choices: next.posts.map(\.vacancyID),
                                                   offered: nil, offeredRank: nil)
            #expect(next.posts.map(\.breakdown) == expected.map(\.breakdown), "the next night scores the new education")
            #expect(next.posts.map(\.breakdown) != before.posts.map(\.breakdown))
            #expect(!next.profileChangedSince && next.profileFromNight)
        }
    }

    @Test("the database records a version per change: a save is one version, a change of language none, every writer included")
    func versionsPerChange() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            let candidate = try #require(try await CandidateNightTests.rankingCandidates(database).first)
            #expect(try await Self.versions(candidate, database) == 1, "the seed wrote one version, set-wise")
            let profiles = CandidateProfileStore(database: database)
            var record = try #require(try await profiles.load(candidateID: candidate))
            record.experienceYears += 1
            record.specialties.reverse()
            try await profiles.save(candidateID: candidate, record, source: "test")
            #expect(try await Self.versions(candidate, database) == 2, "fields and specialties saved together are one version")
            #expect(try await NightlyFixture.count(
                """
                SELECT count(*) FROM candidate_profile_versions
                WHERE candidate_id = \(candidate) AND experience_years = \(record.experienceYears)
                  AND specialties = '{\(record.specialties.joined(separator: ","))}'::text[]
                  AND valid_from = (SELECT max(valid_from) FROM candidate_profile_versions WHERE candidate_id = \(candidate))
                """, database) == 1, "the newest version is the saved profile, specialties in their order")
            try await Self.execute("UPDATE candidates SET language = 'en' WHERE id = \(candidate)", database)
            #expect(try await Self.versions(candidate, database) == 2, "not a profile field")
            // A staff member's SQL is versioned too.
            try await Self.execute("UPDATE candidates SET title = 'senior' WHERE id = \(candidate)", database)
            #expect(try await Self.versions(candidate, database) == 3)
            // The application may read versions, never write them.
            await #expect(throws: (any Error).self) {
                try await database.transaction { connection in
                    try await connection.query("SET LOCAL ROLE talentmatch_app", logger: database.logger)
                    try await connection.query("DELETE FROM candidate_profile_versions", logger: database.logger)
                }
            }
        }
    }

    @Test("erasure: deleting the account erases every version; withdrawing the sensitive-data consent erases household registration from them")
    func erasure() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            let run = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(database, date: NightlyFixture.night(daysAgo: 1))))
            let registered = try await NightlyFixture.count(
                """
                SELECT min(c.id) FROM candidates c JOIN rankings r ON r.candidate_id = c.id
                WHERE c.hukou_region_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.candidate_id = c.id)
                """, database)
            let candidate = Int64(registered)
            try #require(candidate > 0, "the demo has a ranking candidate with a household registration and no offer")
            let store = CandidateNightStore(database: database)
            #expect(try await store.night(candidateID: candidate, runID: run)?.profileFromNight == true)

            try await ConsentStore(database: database).withdraw(.sensitiveData, candidateID: candidate, source: "test")
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM candidate_profile_versions WHERE candidate_id = \(candidate) AND hukou_region_code IS NOT NULL",
                database) == 0, "no version keeps the registration")
            let night = try #require(try await store.night(candidateID: candidate, runID: run))
            #expect(!night.profileFromNight, "that night read a registration that is no longer kept, and the page must say so")

            try await CandidateDataStore(database: database).deleteAccount(candidateID: candidate, source: "test")
            #expect(try await Self.versions(candidate, database) == 0, "erasure leaves no earlier profile behind")
            #expect(try await store.night(candidateID: candidate, runID: run) == nil)
        }
    }

    @Test("a night before the first kept version is explained from the earliest version after it, and says so")
    func notKept() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            let run = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(database, date: NightlyFixture.night(daysAgo: 1))))
            let candidate = try await Self.unofferedCandidate(run, database)
            // As migration 0102 leaves a candidate whose profile last changed after a night: one version, from after it.
            try await Self.execute("UPDATE candidate_profile_versions SET valid_from = now() + interval '1 second' WHERE candidate_id = \(candidate)",
                                   database)
            let night = try #require(try await CandidateNightStore(database: database).night(candidateID: candidate, runID: run))
            #expect(!night.profileFromNight)
            #expect(night.exportValue["read_as_of"] as? [String: String] == [
                "cutoffs": "night", "ranking": "night", "policy": "night", "profile": "recorded_later", "posts": "night",
            ])
        }
    }

    static func unofferedCandidate(_ runID: Int64, _ database: Database) async throws -> Int64 {
        let offered = Set(try await OfferListing.forRun(runID, in: database).map(\.candidateID))
        return try #require(try await CandidateNightTests.rankingCandidates(database).first { !offered.contains($0) })
    }

    static func versions(_ candidate: Int64, _ database: Database) async throws -> Int {
        try await NightlyFixture.count("SELECT count(*) FROM candidate_profile_versions WHERE candidate_id = \(candidate)", database)
    }

    static func execute(_ sql: String, _ database: Database) async throws {
        try await database.transaction { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: database.logger)
        }
    }
}
