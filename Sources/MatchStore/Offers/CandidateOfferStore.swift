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
        let rows = try await database.execute(NewestOffer(candidateID: candidateID))
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
        let rows = try await database.execute(NewestReview(offerID: offerID, candidateID: candidateID))
        for try await (open, decision, reason) in rows.decode((Bool, String?, String?).self) {
            return Review(open: open, decision: decision, decisionReason: reason)
        }
        return nil
    }
}
