import PostgresNIO

/// The offer page's two reads, prepared because every view of it runs both (see `PreparedQuery`).
extension CandidateOfferStore {
    /// The candidate's newest offer with its post, night, explanation, the titles it names and the post's incentives.
    struct NewestOffer: PreparedQuery {
        static let template = Self(candidateID: 0)
        let candidateID: Int64

        var query: PostgresQuery {
            """
            SELECT o.id, o.state, o.deadline, o.state = 'pending' AND o.deadline > now(), v.id, v.title, g.name,
                   v.service_years::int, o.choice_rank::int, to_char(m.run_date, 'YYYY-MM-DD'), o.explanation::text,
                   coalesce((SELECT jsonb_object_agg('v' || x.id, x.title) FROM vacancies x
                             WHERE x.id IN (SELECT offer_explanation_vacancies(o.explanation))),
                            '{}')::text,
                   coalesce((SELECT jsonb_agg(jsonb_build_array(i.kind, i.amount_yuan, i.note) ORDER BY i.kind)
                             FROM vacancy_incentives i WHERE i.vacancy_id = v.id), '[]')::text
            FROM offers o
            JOIN vacancies v ON v.id = o.vacancy_id JOIN regions g ON g.code = v.region_code
            JOIN match_runs m ON m.id = o.run_id
            WHERE o.candidate_id = \(candidateID)
            ORDER BY o.created_at DESC, o.id DESC LIMIT 1
            """
        }
    }

    /// The newest review request of one of the candidate's offers.
    struct NewestReview: PreparedQuery {
        static let template = Self(offerID: 0, candidateID: 0)
        let offerID: Int64
        let candidateID: Int64

        var query: PostgresQuery {
            """
            SELECT status = 'open', decision, decision_reason FROM review_requests
            WHERE offer_id = \(offerID) AND candidate_id = \(candidateID) ORDER BY filed_at DESC, id DESC LIMIT 1
            """
        }
    }
}
