import PostgresNIO

/// The ranking page's two reads, prepared because every view of it runs both (see `PreparedQuery`).
extension RankingStore {
    /// The candidate's current ranking, in rank order, with each post's title, region and status.
    struct CurrentRanking: PreparedQuery {
        static let template = Self(candidateID: 0)
        let candidateID: Int64

        var query: PostgresQuery {
            """
            SELECT v.id, v.title, g.name, v.status
            FROM current_rankings k JOIN ranking_entries e ON e.ranking_id = k.id
            JOIN vacancies v ON v.id = e.vacancy_id JOIN regions g ON g.code = v.region_code
            WHERE k.candidate_id = \(candidateID) ORDER BY e.rank
            """
        }
    }

    /// The lottery of the candidate's market: tonight's open freeze, or else the newest revealed one.
    struct CandidateLottery: PreparedQuery {
        static let template = Self(candidateID: 0)
        let candidateID: Int64

        var query: PostgresQuery {
            """
            SELECT f.night::text, f.commitment, f.frozen_at, f.released_at, f.secret, f.run_id FROM market_freezes f
            WHERE f.market_id = coalesce(
                (SELECT (vacancy_markets(k.choices))[1] FROM rankings k WHERE k.candidate_id = \(candidateID) ORDER BY k.version DESC LIMIT 1),
                sole_market())
            ORDER BY (f.released_at IS NULL) DESC, f.id DESC LIMIT 1
            """
        }
    }
}
