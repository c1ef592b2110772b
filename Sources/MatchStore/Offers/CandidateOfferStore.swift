import Foundation
import Logging
import PostgresNIO

/// A candidate's offers as the gateway shows them: the post, the deadline, the incentives and
/// the explanation the engine stored, with the titles of the posts it mentions.
public struct CandidateOfferStore: Sendable {
    public struct Offer: Sendable, Equatable {
        public let id: Int64
        public let state: String
        public let deadline: Date
        public let isOpen: Bool
        public let vacancyID: Int64
        public let title: String
        public let regionName: String
        public let serviceYears: Int?
        public let choiceRank: Int
        public let runDate: String
        /// The engine's explanation as stored (see OfferExplanation).
        public let explanationJSON: String
        /// Titles of the posts the explanation names, keyed "v<id>".
        public let titles: [String: String]
        public let incentives: [PostCatalogue.Incentive]
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The candidate's newest offer, or nil.
    public func newest(candidateID: Int64) async throws -> Offer? {
        let rows = try await database.query(
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
            """,
            logger: database.logger
        )
        typealias Row = (Int64, String, Date, Bool, Int64, String, String, Int?, Int, String, String, String, String)
        for try await row in rows.decode(Row.self) {
            let titles = (try? JSONSerialization.jsonObject(with: Data(row.11.utf8))) as? [String: String] ?? [:]
            let incentives = Self.incentives(json: row.12)
            return Offer(
                id: row.0, state: row.1, deadline: row.2, isOpen: row.3, vacancyID: row.4, title: row.5, regionName: row.6,
                serviceYears: row.7, choiceRank: row.8, runDate: row.9, explanationJSON: row.10, titles: titles, incentives: incentives
            )
        }
        return nil
    }

    /// The post's incentives, read with the offer as `[[kind, amount, note], …]` (one query, not two).
    static func incentives(json: String) -> [PostCatalogue.Incentive] {
        let items = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[Any]] ?? []
        return items.compactMap { item in
            guard item.count == 3, let kind = item[0] as? String else { return nil }
            return PostCatalogue.Incentive(kind: kind, amountYuan: item[1] as? Int ?? (item[1] as? NSNumber)?.intValue, note: item[2] as? String ?? "")
        }
    }
}

extension CandidateOfferStore {
    /// The candidate's newest human-review request about an offer (table from 0014), if any.
    public struct Review: Sendable, Equatable {
        public let open: Bool
        public let decision: String?
        public let decisionReason: String?
    }

    public func newestReview(offerID: Int64, candidateID: Int64) async throws -> Review? {
        let rows = try await database.query(
            """
            SELECT status = 'open', decision, decision_reason FROM review_requests
            WHERE offer_id = \(offerID) AND candidate_id = \(candidateID) ORDER BY filed_at DESC, id DESC LIMIT 1
            """,
            logger: database.logger
        )
        for try await (open, decision, reason) in rows.decode((Bool, String?, String?).self) {
            return Review(open: open, decision: decision, decisionReason: reason)
        }
        return nil
    }
}
