import Logging
import PostgresNIO

/// The statements that create offers or move them on behalf of other rooms' work (a night's
/// write, a rerun, an account's deletion), inside the caller's transaction. With `OfferStore`,
/// these are every write to `offers`; the database's trigger checks and records each move.
enum OfferWrites {
    /// One batch of a night's offers, as one statement: the run's creation record and the
    /// statement-level checks of migration 0012 cover every row at once (ADR 0021). Their
    /// messages are not written here: the run's one `outbox_releases` row stands for them, and
    /// the delivery worker writes them after the night (`ReleaseMessages`, ADR 0047).
    ///
    /// The deadline counts from the night, not from when the job ran: the end of the day (China
    /// Standard Time) that is the post's office's offer days after the night (ADR 0030).
    static func insert(runID: Int64, _ placements: [RunRelease.Placement], night: String) -> PostgresQuery {
        """
        INSERT INTO offers (run_id, candidate_id, vacancy_id, choice_rank, score, deadline, explanation)
        SELECT \(runID), c, v, r, NULLIF(s, 'NaN'::float8), ((\(night)::date + d + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'), e::json
        FROM UNNEST(\(placements.map(\.candidateID))::int8[], \(placements.map(\.vacancyID))::int8[],
                    \(placements.map(\.choiceRank))::int[], \(placements.map { $0.score ?? .nan })::float8[],
                    \(placements.map(\.offerDays))::int[], \(placements.map(\.explanation))::text[]) AS o(c, v, r, s, d, e)
        """
    }

    /// A rerun replaces its night's run: the old run's open offers are withdrawn. Returns
    /// their ids, so that the rerun can tell the candidates once the new offers are written.
    static func withdrawPending(ofRun runID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> [Int64] {
        let rows = try await connection.queryOpen(
            "UPDATE offers SET state = 'withdrawn', withdrawal_cause = 'rerun' WHERE run_id = \(runID) AND state IN ('pending', 'under_review') RETURNING id",
            logger: logger
        )
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        return ids
    }

    /// A deleted account declines what it had not answered.
    static func declinePending(ofCandidate candidateID: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.queryOpen(
            "UPDATE offers SET state = 'declined' WHERE candidate_id = \(candidateID) AND state IN ('pending', 'under_review')", logger: logger
        )
    }
}
