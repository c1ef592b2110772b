import Foundation
import MatchCore
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

/// A night is explained with each post's requirements as they were when it ran (ADR 0051),
/// read from the requirement versions the database records on every change, not as they are now.
@Suite("A night's own post requirements")
struct NightPostVersionTests {
    static let context = AuditContext(actor: "test:centre-editor", source: "203.0.113.7")

    @Test("a centre raises a post's minimum education after a night: that night keeps its verdict, the next night uses the new rule")
    func raisedAfterNight() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            let first = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(database, date: NightlyFixture.night(daysAgo: 1))))
            let store = CandidateNightStore(database: database)
            let (candidate, post) = try await Self.eligiblePost(first, store, database)
            let before = try #require(try await store.night(candidateID: candidate, runID: first))
            #expect(before.postsFromNight)

            let centre = Int64(try await NightlyFixture.count("SELECT centre_id::int FROM vacancies WHERE id = \(post)", database))
            let vacancies = VacancyStore(database: database)
            var draft = try await vacancies.get(id: post, centreID: centre).draft
            draft.minEducation = "doctorate"
            // More seats too, so the post is in the next night whatever the first night's offers hold.
            draft.seats += 10
            _ = try await vacancies.update(id: post, draft, centreID: centre, context: Self.context)
            // What a page reading today's post would say: the raise must fail the candidate, or this test means nothing.
            let profile = try #require(try await NightProfileReader(database: database).read(candidateID: candidate, runID: first)).profile
            let today = try #require(try await PostCatalogue(database: database).detail(id: post)).profile
            #expect(Eligibility.reasons(profile, for: today).map(\.code).contains("education"), "today's post refuses them")

            let after = try #require(try await store.night(candidateID: candidate, runID: first))
            #expect(after.posts == before.posts, "that night's verdicts, scores and breakdowns")
            #expect(after.postsFromNight)
            #expect((after.exportValue["read_as_of"] as? [String: String])?["posts"] == "night")

            let second = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(database)))
            let next = try #require(try await store.night(candidateID: candidate, runID: second))
            let raised = try #require(next.posts.first { $0.vacancyID == post })
            guard case .notEligible(let reasons) = raised.verdict else {
                Issue.record("the next night refuses them at post \(post) for its education, got \(raised.verdict)")
                return
            }
            #expect(reasons.map(\.code).contains("education"))
            #expect(next.postsFromNight)
        }
    }

    @Test("the database records a version per change of a requirement: an edit is one version, a title change none")
    func versionsPerChange() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            #expect(try await NightlyFixture.count(
                "SELECT count(*) FROM vacancies v WHERE NOT EXISTS (SELECT 1 FROM vacancy_requirement_versions r WHERE r.vacancy_id = v.id)",
                database) == 0, "every post has a version")
            let post = Int64(try await NightlyFixture.count("SELECT min(id)::int FROM vacancies WHERE status = 'open'", database))
            #expect(try await Self.versions(post, database) == 1, "the seed wrote one version, set-wise")
            let centre = Int64(try await NightlyFixture.count("SELECT centre_id::int FROM vacancies WHERE id = \(post)", database))
            let vacancies = VacancyStore(database: database)
            var draft = try await vacancies.get(id: post, centreID: centre).draft
            draft.minExperienceYears += 1
            let code = try #require(try await CandidateNightTests.text(
                "SELECT min(code) FROM specialties WHERE length(code) = 6", database))
            draft.specialties = [.init(code: code, acceptedFit: "same_code")]
            _ = try await vacancies.update(id: post, draft, centreID: centre, context: Self.context)
            #expect(try await Self.versions(post, database) == 2, "fields, specialties and rules saved together are one version")
            #expect(try await NightlyFixture.count(
                """
                SELECT count(*) FROM vacancy_requirement_versions
                WHERE vacancy_id = \(post) AND min_experience_years = \(draft.minExperienceYears)
                  AND specialties = jsonb_build_array(jsonb_build_array('\(code)', 'same_code'))
                  AND valid_from = (SELECT max(valid_from) FROM vacancy_requirement_versions WHERE vacancy_id = \(post))
                """, database) == 1, "the newest version is the saved post")
            try await NightProfileVersionTests.execute("UPDATE vacancies SET title = 'Renamed', seats = seats + 1 WHERE id = \(post)", database)
            #expect(try await Self.versions(post, database) == 2, "not a requirement")
            // A staff member's SQL is versioned too.
            try await NightProfileVersionTests.execute("UPDATE vacancies SET min_title = 'senior' WHERE id = \(post)", database)
            #expect(try await Self.versions(post, database) == 3)
            // The application may read versions, never write them or call the recorder.
            for sql in ["DELETE FROM vacancy_requirement_versions", "SELECT record_post_versions(ARRAY[\(post)]::int8[])"] {
                await #expect(throws: (any Error).self, "\(sql)") {
                    try await database.transaction { connection in
                        try await connection.query("SET LOCAL ROLE talentmatch_app", logger: database.logger)
                        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: database.logger)
                    }
                }
            }
        }
    }

    @Test("a night before a post's first kept version is explained from the earliest version after it, and says so")
    func notKept() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            let run = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(database, date: NightlyFixture.night(daysAgo: 1))))
            let candidate = try await NightProfileVersionTests.unofferedCandidate(run, database)
            let night = try #require(try await CandidateNightStore(database: database).night(candidateID: candidate, runID: run))
            let post = try #require(night.posts.first).vacancyID
            // As migration 0103 leaves a post whose requirements last changed after a night: one version, from after it.
            try await NightProfileVersionTests.execute(
                "UPDATE vacancy_requirement_versions SET valid_from = now() + interval '1 second' WHERE vacancy_id = \(post)", database)
            let later = try #require(try await CandidateNightStore(database: database).night(candidateID: candidate, runID: run))
            #expect(!later.postsFromNight)
            #expect(later.posts.map(\.verdict) == night.posts.map(\.verdict), "the same requirements, only not known to be that night's")
            #expect((later.exportValue["read_as_of"] as? [String: String])?["posts"] == "recorded_later")
        }
    }

    /// A candidate without an offer that night and a post they ranked that had seats left and
    /// whose rules they met, while their education is below a doctorate.
    static func eligiblePost(_ runID: Int64, _ store: CandidateNightStore, _ database: Database) async throws -> (Int64, Int64) {
        let offered = Set(try await OfferListing.forRun(runID, in: database).map(\.candidateID))
        var fallback: (Int64, Int64)?
        for candidate in try await CandidateNightTests.rankingCandidates(database) where !offered.contains(candidate) {
            let education = try await CandidateNightTests.text("SELECT education FROM candidates WHERE id = \(candidate)", database)
            guard education != "doctorate", let night = try await store.night(candidateID: candidate, runID: runID) else { continue }
            for post in night.posts {
                switch post.verdict {
                case .notEligible, .declinedBefore, .notInNight, .offered: continue
                default: break
                }
                if post.cutoff == .open { return (candidate, post.vacancyID) }
                fallback = fallback ?? (candidate, post.vacancyID)
            }
        }
        return try #require(fallback, "the demo night has a candidate eligible for a post they did not get")
    }

    static func versions(_ post: Int64, _ database: Database) async throws -> Int {
        try await NightlyFixture.count("SELECT count(*) FROM vacancy_requirement_versions WHERE vacancy_id = \(post)", database)
    }
}
