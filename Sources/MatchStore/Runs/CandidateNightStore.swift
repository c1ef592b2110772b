import Foundation
import Logging
import MatchCore
import PostgresNIO

/// Explains any night a candidate took part in (the newest by default) for every post they ranked, from what is cheap to read
/// for one person (ADR 0037): the night's cutoffs of their posts (`run_cutoffs`), the ranking
/// they had when it ran, the policies the night used, the profile they had when it ran
/// (profile versions, ADR 0050) and each post's requirements as they were then (ADR 0051). Nothing per candidate is stored by the night, and the night's
/// snapshot is never read.
public struct CandidateNightStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The newest committed night of the candidate's market after their first ranking, or nil
    /// when they have not taken part in one.
    public func newest(candidateID: Int64) async throws -> CandidateNight? {
        guard let newest = try await nights(candidateID: candidateID).first else { return nil }
        return try await explain(candidateID, runID: newest.runID)
    }

    /// One night the candidate took part in, explained; nil when they did not take part in it
    /// (or it is not theirs to see).
    public func night(candidateID: Int64, runID: Int64) async throws -> CandidateNight? {
        guard try await nights(candidateID: candidateID).contains(where: { $0.runID == runID }) else { return nil }
        return try await explain(candidateID, runID: runID)
    }

    private func explain(_ candidateID: Int64, runID: Int64) async throws -> CandidateNight? {
        guard let night = try await nightRow(candidateID, runID: runID) else { return nil }
        guard let read = try await NightProfileReader(database: database).read(candidateID: candidateID, runID: runID) else { return nil }
        let posts = try await explain(candidateID, profile: read.profile, runID: night.runID, choices: night.choices,
                                      offered: night.offeredVacancy, offeredRank: night.offeredRank)
        return CandidateNight(runID: night.runID, night: night.date, posts: posts, profileChangedSince: read.changedSince,
                              profileFromNight: read.fromThatNight)
    }

    /// Each post of `choices` (in that order) at night `runID`, with the candidate's verdict
    /// there; `offered` is the post the night gave them (at place `offeredRank` of `choices`).
    func explain(
        _ candidateID: Int64, profile: CandidateProfile, runID: Int64, choices: [Int64], offered: Int64?, offeredRank: Int?
    ) async throws -> [CandidateNight.Post] {
        let rows = try await postRows(candidateID, runID: runID, choices: choices)
        let catalogue = PostCatalogue(database: database)
        let nightPosts = try await NightPostReader(database: database).read(vacancyIDs: choices, runID: runID)
        var posts: [CandidateNight.Post] = []
        for row in rows {
            // Each post's requirements as that night read them (ADR 0051), today's seats and incentives.
            let nightPost = nightPosts[row.vacancyID]
            let vacancy = try await catalogue.detail(id: row.vacancyID).map { nightPost?.applied(to: $0.profile) ?? $0.profile }
            let reasons = vacancy.map { Eligibility.reasons(profile, for: $0) } ?? []
            var breakdown: ScoreBreakdown?
            if let vacancy, let policy = row.policy { breakdown = Scorer.score(profile, for: vacancy, policy: policy) }
            let verdict: CandidateNight.Verdict = row.declined
                ? .declinedBefore
                : .of(rank: row.rank, offeredRank: offeredRank, offeredHere: offered == row.vacancyID,
                      reasons: reasons, score: breakdown?.score, cutoff: row.cutoff)
            posts.append(.init(vacancyID: row.vacancyID, title: row.title, rank: row.rank, breakdown: breakdown,
                               cutoff: row.cutoff, verdict: verdict, requirementsFromNight: nightPost?.fromThatNight ?? false))
        }
        return posts
    }

    private struct NightRow {
        let runID: Int64
        let date: String
        let choices: [Int64]
        let offeredVacancy: Int64?
        let offeredRank: Int?
    }

    private struct PostRow {
        let vacancyID: Int64
        let title: String
        let rank: Int
        let cutoff: Cutoff?
        let policy: Policy?
        let declined: Bool
    }

    /// The night and the ranking the candidate had when it started (`nights` has checked that
    /// they took part in it).
    private func nightRow(_ candidateID: Int64, runID: Int64) async throws -> NightRow? {
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT run.id, to_char(run.run_date, 'YYYY-MM-DD'), k.choices, o.vacancy_id, o.choice_rank::int
                FROM match_runs run JOIN candidates c ON c.id = \(candidateID)
                JOIN LATERAL (SELECT choices FROM rankings WHERE candidate_id = c.id AND submitted_at <= run.started_at
                              ORDER BY version DESC LIMIT 1) k ON true
                LEFT JOIN offers o ON o.run_id = run.id AND o.candidate_id = c.id
                WHERE run.id = \(runID)
                """,
                logger: database.logger
            )
            for try await row in rows.decode((Int64, String, [Int64], Int64?, Int?).self) {
                return NightRow(runID: row.0, date: row.1, choices: row.2, offeredVacancy: row.3, offeredRank: row.4)
            }
            return nil
        }
    }

    /// Each ranked post with its cutoff that night, the policy its office used that night, and
    /// whether the candidate had declined it (or let it expire) before the night.
    private func postRows(_ candidateID: Int64, runID: Int64, choices: [Int64]) async throws -> [PostRow] {
        let logger = database.logger
        return try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT v.id, v.title, p.rank::int, x.score::float8, x.rank, x.vacancy_id IS NOT NULL,
                       q.version, q.weights::text, q.experience_cap, q.native_place_reason, f.code,
                       EXISTS (SELECT 1 FROM offers d JOIN match_runs dr ON dr.id = d.run_id
                               WHERE d.candidate_id = \(candidateID) AND d.vacancy_id = v.id AND d.run_id <> \(runID)
                                 AND dr.run_date < (SELECT run_date FROM match_runs WHERE id = \(runID))
                                 AND d.state IN ('declined', 'expired'))
                FROM unnest(\(choices)::int8[]) WITH ORDINALITY AS p(vacancy_id, rank)
                JOIN vacancies v ON v.id = p.vacancy_id
                JOIN centres e ON e.id = v.centre_id JOIN offices f ON f.id = e.office_id
                LEFT JOIN run_cutoffs x ON x.run_id = \(runID) AND x.vacancy_id = v.id
                LEFT JOIN match_run_offices ro ON ro.run_id = \(runID) AND ro.office_id = f.id
                LEFT JOIN policies q ON q.id = ro.policy_id
                ORDER BY p.rank
                """,
                logger: logger
            )
            typealias Row = (Int64, String, Int, Double?, Int?, Bool, Int?, String?, Int?, String?, String, Bool)
            var result: [PostRow] = []
            for try await row in rows.decode(Row.self) {
                let cutoff: Cutoff? = !row.5 ? nil : row.3.map(Cutoff.score) ?? row.4.map(Cutoff.rank) ?? .open
                var policy: Policy?
                if let version = row.6, let weights = row.7, let cap = row.8 {
                    policy = try? Policy(version: "\(row.10) v\(version)", weights: try PolicyStore.decodeWeights(weights),
                                         experienceCap: cap, nativePlaceReason: row.9)
                }
                result.append(PostRow(vacancyID: row.0, title: row.1, rank: row.2, cutoff: cutoff, policy: policy, declined: row.11))
            }
            return result
        }
    }
}
