import Foundation
import PostgresNIO

/// Every offer a candidate was made, newest first, with every move of each (who moved it is
/// not shown to the candidate: staff names stay with the office; the reason is) — the history
/// docs/offers.md promises on their pages. The data export carries the same, with the actors.
public struct CandidateOfferHistory: Sendable {
    public struct Move: Sendable, Equatable {
        public let at: Date
        public let from: String?
        public let to: String
        public let reason: String
    }

    public struct Entry: Sendable, Equatable {
        public let offerID: Int64
        public let vacancyID: Int64
        public let title: String
        public let night: String
        public let state: String
        /// Why it was withdrawn (`WithdrawalCause`), when it was.
        public let withdrawalCause: String?
        public let moves: [Move]
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// At most `limit` offers, newest first.
    public func entries(candidateID: Int64, limit: Int = 20) async throws -> [Entry] {
        let rows = try await database.query(
            """
            SELECT o.id, v.id, v.title, to_char(m.run_date, 'YYYY-MM-DD'), o.state, o.withdrawal_cause,
                   (SELECT json_agg(json_build_array(extract(epoch FROM h.at), h.from_state, h.to_state, h.reason)
                                    ORDER BY h.at, h.from_state NULLS FIRST)::text
                    FROM offer_history h WHERE h.offer_id = o.id)
            FROM offers o JOIN vacancies v ON v.id = o.vacancy_id JOIN match_runs m ON m.id = o.run_id
            WHERE o.candidate_id = \(candidateID)
            ORDER BY o.created_at DESC, o.id DESC LIMIT \(limit)
            """,
            logger: database.logger
        )
        var entries: [Entry] = []
        for try await (id, vacancy, title, night, state, cause, moves)
            in rows.decode((Int64, Int64, String, String, String, String?, String?).self) {
            entries.append(Entry(offerID: id, vacancyID: vacancy, title: title, night: night, state: state, withdrawalCause: cause,
                                 moves: Self.moves(moves ?? "[]")))
        }
        return entries
    }

    static func moves(_ json: String) -> [Move] {
        let items = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[Any]] ?? []
        return items.compactMap { item in
            guard item.count == 4, let seconds = (item[0] as? NSNumber)?.doubleValue, let to = item[2] as? String else { return nil }
            return Move(at: Date(timeIntervalSince1970: seconds), from: item[1] as? String, to: to, reason: item[3] as? String ?? "")
        }
    }
}
