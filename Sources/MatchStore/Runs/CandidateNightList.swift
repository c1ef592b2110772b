import Foundation
import PostgresNIO

/// One night a candidate took part in, for the list of their nights.
public struct CandidateNightSummary: Sendable, Equatable {
    public let runID: Int64
    /// The night's date, `YYYY-MM-DD`.
    public let night: String
    /// The night made them an offer.
    public let offered: Bool
}

extension CandidateNightStore {
    /// Every committed night of the candidate's market they took part in, newest first: after
    /// their first ranking, and holding no offer (open or accepted) from an earlier night when
    /// it started (ADR 0037, ADR 0038).
    public func nights(candidateID: Int64) async throws -> [CandidateNightSummary] {
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                WITH newest AS (SELECT choices FROM rankings WHERE candidate_id = \(candidateID) ORDER BY version DESC LIMIT 1),
                markets AS (SELECT DISTINCT f.market_id FROM newest n CROSS JOIN unnest(n.choices) AS ch(vacancy_id)
                            JOIN vacancies v ON v.id = ch.vacancy_id JOIN centres e ON e.id = v.centre_id
                            JOIN offices f ON f.id = e.office_id)
                SELECT r.id, to_char(r.run_date, 'YYYY-MM-DD'),
                       EXISTS (SELECT 1 FROM offers mine WHERE mine.run_id = r.id AND mine.candidate_id = \(candidateID))
                FROM match_runs r
                WHERE r.status = 'committed' AND r.market_id IN (SELECT market_id FROM markets)
                  AND r.started_at >= (SELECT min(submitted_at) FROM rankings WHERE candidate_id = \(candidateID))
                  AND (EXISTS (SELECT 1 FROM offers mine WHERE mine.run_id = r.id AND mine.candidate_id = \(candidateID))
                       OR NOT EXISTS (
                          SELECT 1 FROM offers h JOIN match_runs hr ON hr.id = h.run_id
                          WHERE h.candidate_id = \(candidateID) AND h.run_id <> r.id AND h.created_at < r.started_at
                            -- A rerun sees its night's old offers as withdrawn.
                            AND hr.superseded_by IS DISTINCT FROM r.id
                            AND NOT EXISTS (SELECT 1 FROM offer_transitions t WHERE t.offer_id = h.id AND t.at <= r.started_at
                                              AND t.to_state IN ('declined', 'expired', 'withdrawn'))))
                ORDER BY r.run_date DESC, r.id DESC
                """,
                logger: database.logger
            )
            var nights: [CandidateNightSummary] = []
            for try await row in rows.decode((Int64, String, Bool).self) {
                nights.append(CandidateNightSummary(runID: row.0, night: row.1, offered: row.2))
            }
            return nights
        }
    }
}
