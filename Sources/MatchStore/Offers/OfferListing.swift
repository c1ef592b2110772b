import Foundation
import Logging
import PostgresNIO

/// An offer as an office or the demo lists it.
public struct OfferListing: Sendable, Equatable {
    public let offerID: Int64
    public let candidateID: Int64
    public let candidateName: String
    public let vacancyID: Int64
    public let vacancyTitle: String
    public let choiceRank: Int
    public let score: Double?
    public let state: String
    public let deadline: Date

    /// The offers of one run, in vacancy then candidate order: with a scoped handle, those on
    /// the posts the scope sees (row-level security).
    public static func forRun(_ runID: Int64, in database: Database) async throws -> [OfferListing] {
        try await database.transaction { connection in try await forRun(runID, on: connection, logger: database.logger) }
    }

    private static func forRun(_ runID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> [OfferListing] {
        let rows = try await connection.query(
            """
            SELECT o.id, c.id, c.full_name, v.id, v.title, o.choice_rank, o.score::float8, o.state, o.deadline
            FROM offers o
            JOIN candidates c ON c.id = o.candidate_id
            JOIN vacancies v ON v.id = o.vacancy_id
            WHERE o.run_id = \(runID)
            ORDER BY v.id, c.id
            """,
            logger: logger
        )
        var result: [OfferListing] = []
        for try await (id, candidate, name, vacancy, title, rank, score, state, deadline)
            in rows.decode((Int64, Int64, String, Int64, String, Int, Double?, String, Date).self) {
            result.append(.init(offerID: id, candidateID: candidate, candidateName: name, vacancyID: vacancy, vacancyTitle: title,
                                choiceRank: rank, score: score, state: state, deadline: deadline))
        }
        return result
    }

    /// The explanation stored with one offer, with the titles of the posts it names (keyed
    /// `v<id>`), or nil when there is no such offer or it predates explanations as codes.
    public static func explanation(
        offerID: Int64, in database: Database
    ) async throws -> (explanation: StoredOfferExplanation, titles: [String: String])? {
        // In a transaction, so that a scoped handle reads it under row-level security.
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT o.explanation::text, coalesce(jsonb_object_agg('v' || v.id, v.title) FILTER (WHERE v.id IS NOT NULL), '{}')::text
                FROM offers o LEFT JOIN vacancies v ON v.id IN (SELECT offer_explanation_vacancies(o.explanation))
                WHERE o.id = \(offerID) GROUP BY o.explanation::text
                """,
                logger: database.logger
            )
            for try await (json, titlesJSON) in rows.decode((String, String).self) {
                guard let stored = StoredOfferExplanation(json: json) else { return nil }
                let titles = (try? JSONSerialization.jsonObject(with: Data(titlesJSON.utf8))) as? [String: String] ?? [:]
                return (stored, titles)
            }
            return nil
        }
    }
}
