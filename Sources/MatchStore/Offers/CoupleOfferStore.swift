import Foundation
import Logging
import PostgresNIO

/// Answers to a couple's linked offers (ADR 0041): a partner's acceptance waits for the
/// other's, and the second acceptance before the deadline accepts both in one transaction; a
/// decline declines both (migration 0112 frees the partner's seat in the same transaction).
public struct CoupleOfferStore: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Recorded; the offers are accepted once the partner accepts too.
        case waitingForPartner
        /// Both offers are accepted.
        case bothAccepted
        /// Both offers are declined and both seats free.
        case bothDeclined
        case notLinked
        case notFound
        case notPending(state: String)
        case pastDeadline
    }

    /// The partner's side of a linked offer, for the offer page.
    public struct Link: Sendable, Equatable {
        public let partnerOfferID: Int64
        public let partnerName: String
        public let partnerPostTitle: String
        public let partnerState: String
        public let partnerAccepted: Bool
        public let ownAccepted: Bool
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The partner's offer linked to `offerID` (the candidate's own), or nil for a single's offer.
    public func link(offerID: Int64, candidateID: Int64) async throws -> Link? {
        let rows = try await database.query(
            """
            SELECT p.id, c.full_name, v.title, p.state,
                   EXISTS (SELECT 1 FROM couple_offer_answers a WHERE a.offer_id = p.id),
                   EXISTS (SELECT 1 FROM couple_offer_answers a WHERE a.offer_id = o.id)
            FROM offers o JOIN couple_offers l ON l.offer_id = o.id JOIN offers p ON p.id = l.partner_offer_id
            JOIN candidates c ON c.id = p.candidate_id JOIN vacancies v ON v.id = p.vacancy_id
            WHERE o.id = \(offerID) AND o.candidate_id = \(candidateID)
            """,
            logger: database.logger
        )
        for try await row in rows.decode((Int64, String, String, String, Bool, Bool).self) {
            return Link(partnerOfferID: row.0, partnerName: row.1, partnerPostTitle: row.2, partnerState: row.3,
                        partnerAccepted: row.4, ownAccepted: row.5)
        }
        return nil
    }

    public func accept(offerID: Int64, candidateID: Int64, actor: String) async throws -> Outcome {
        try await database.transaction(.attributed(to: actor, reason: "accepted by the couple")) { connection in
            guard let pair = try await lockPair(offerID, candidateID, on: connection) else { return .notLinked }
            if let refused = Self.refusal(pair.own) { return refused }
            guard pair.partner.state == "pending", pair.partner.open else { return .notPending(state: pair.partner.state) }
            let waiting = try await connection.query(
                "SELECT 1 FROM couple_offer_answers WHERE offer_id = \(pair.partner.id)", logger: database.logger
            )
            var partnerAccepted = false
            for try await _ in waiting { partnerAccepted = true }
            guard partnerAccepted else {
                try await connection.query(
                    "INSERT INTO couple_offer_answers (offer_id) VALUES (\(offerID)) ON CONFLICT DO NOTHING", logger: database.logger
                )
                return .waitingForPartner
            }
            try await connection.query(
                "DELETE FROM couple_offer_answers WHERE offer_id IN (\(offerID), \(pair.partner.id))", logger: database.logger
            )
            try await connection.query(
                "UPDATE offers SET state = 'accepted', updated_at = now() WHERE id IN (\(offerID), \(pair.partner.id))",
                logger: database.logger
            )
            return .bothAccepted
        }
    }

    /// Declines the candidate's offer; the partner's follows (migration 0112), and the partner
    /// is told by the same trigger (`offer_released_with_partner`, migration 0114).
    public func decline(offerID: Int64, candidateID: Int64, reason: String, actor: String) async throws -> Outcome {
        try await database.transaction(.attributed(to: actor, reason: reason)) { connection in
            guard let pair = try await lockPair(offerID, candidateID, on: connection) else { return .notLinked }
            if let refused = Self.refusal(pair.own) { return refused }
            try await connection.query("UPDATE offers SET state = 'declined', updated_at = now() WHERE id = \(offerID)",
                                       logger: database.logger)
            return .bothDeclined
        }
    }

    private struct OfferRow { let id: Int64; let state: String; let open: Bool }

    private static func refusal(_ own: OfferRow) -> Outcome? {
        guard own.state == "pending" else { return .notPending(state: own.state) }
        return own.open ? nil : .pastDeadline
    }

    /// Both offers, locked in id order (two partners answering at once wait, not deadlock);
    /// nil when the offer is not the candidate's linked one.
    private func lockPair(_ offerID: Int64, _ candidateID: Int64, on connection: PostgresConnection) async throws -> (own: OfferRow, partner: OfferRow)? {
        let rows = try await connection.query(
            """
            SELECT o.id, o.state, o.deadline > now() FROM offers o
            WHERE o.id IN (SELECT offer_id FROM couple_offers l JOIN offers m ON m.id = l.offer_id
                           WHERE l.offer_id = \(offerID) AND m.candidate_id = \(candidateID)
                           UNION SELECT partner_offer_id FROM couple_offers WHERE offer_id = \(offerID))
            ORDER BY o.id FOR UPDATE
            """,
            logger: database.logger
        )
        var found: [OfferRow] = []
        for try await (id, state, open) in rows.decode((Int64, String, Bool).self) { found.append(OfferRow(id: id, state: state, open: open)) }
        guard found.count == 2, let own = found.first(where: { $0.id == offerID }), let partner = found.first(where: { $0.id != offerID }) else {
            return nil
        }
        return (own, partner)
    }
}
