import Foundation
import PostgresNIO

/// A reviewer's view of a couple's linked offer (ADR 0049): which offer is linked to the one
/// under review, and, when the reviewer's scope sees it, its post and state. A partner's offer
/// on another office's post (one market, two offices) stays hidden by row-level security:
/// the reviewer learns only that the offer is linked, which is what decides what a decision does.
extension CoupleOfferStore {
    public struct ReviewLink: Sendable, Equatable {
        public let partnerOfferID: Int64
        /// Nil when the partner's offer lies outside the reviewer's scope.
        public let partnerPostTitle: String?
        public let partnerState: String?
    }

    public func reviewLink(offerID: Int64) async throws -> ReviewLink? {
        // In a transaction, which is where a scoped database sets its scope (ADR 0016).
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT l.partner_offer_id, v.title, p.state
                FROM couple_offers l LEFT JOIN offers p ON p.id = l.partner_offer_id LEFT JOIN vacancies v ON v.id = p.vacancy_id
                WHERE l.offer_id = \(offerID)
                  AND EXISTS (SELECT 1 FROM offers o WHERE o.id = l.offer_id)
                """,
                logger: database.logger
            )
            for try await (partner, title, state) in rows.decode((Int64, String?, String?).self) {
                return ReviewLink(partnerOfferID: partner, partnerPostTitle: title, partnerState: state)
            }
            return nil
        }
    }
}
