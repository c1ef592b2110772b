import Foundation
import Logging
import PostgresNIO

/// Offers after release: answering them and expiring them. Every state change goes through
/// the database's guard (legal transitions, seats) and is recorded with who and why.
public struct OfferStore: Sendable {
    /// What an answer did.
    public enum AnswerOutcome: Sendable, Equatable {
        case done
        case notFound
        case notPending(state: String)
        case pastDeadline
        /// A couple's linked offer (ADR 0041): answered only through `CoupleOfferStore`, which
        /// accepts both together; nothing was changed.
        case linkedToPartner(partnerOfferID: Int64)
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Expires pending offers whose deadline has passed, freeing their seats for the next night;
    /// each candidate is told in the same transaction.
    public func expire(asOf instant: Date = Date(), actor: String = "timer") async throws -> Int {
        try await database.transaction(.attributed(to: actor, reason: "deadline passed")) { connection in
            let expired: PostgresQuery = """
                UPDATE offers SET state = 'expired' WHERE state = 'pending' AND deadline <= \(instant) RETURNING id, candidate_id
                """
            let count = try await OutboxWrites.tellAboutOffers(.offerExpired, offers: expired, on: connection, logger: database.logger)
            // A couple's partner's offer expired with one of these by the database's trigger
            // (ADR 0041, 0049), not by this statement: tell its candidate too. Changed in this
            // transaction is `updated_at = now()` (now() is the transaction's start); a partner
            // that expired in the statement itself was told above, and is not told twice.
            let partners: PostgresQuery = """
                SELECT p.id, p.candidate_id FROM couple_offers l JOIN offers p ON p.id = l.partner_offer_id
                JOIN offers o ON o.id = l.offer_id
                WHERE o.state = 'expired' AND o.updated_at = now() AND p.state = 'expired' AND p.updated_at = now()
                """
            _ = try await OutboxWrites.tellAboutOffers(.offerExpired, offers: partners, on: connection, logger: database.logger)
            if count > 0 {
                try await AuditLog.record(
                    actor: actor, action: "offer.expire", subject: "offers", details: ["expired": "\(count)", "asOf": "\(instant)"],
                    on: connection, logger: database.logger
                )
            }
            return count
        }
    }

    public func accept(offerID: Int64, candidateID: Int64, actor: String) async throws -> AnswerOutcome {
        try await answer(offerID: offerID, candidateID: candidateID, state: "accepted", reason: "accepted by the candidate", actor: actor)
    }

    public func decline(offerID: Int64, candidateID: Int64, reason: String, actor: String) async throws -> AnswerOutcome {
        try await answer(offerID: offerID, candidateID: candidateID, state: "declined", reason: reason, actor: actor)
    }

    private func answer(offerID: Int64, candidateID: Int64, state: String, reason: String, actor: String) async throws -> AnswerOutcome {
        try await database.transaction(.attributed(to: actor, reason: reason)) { connection in
            let rows = try await connection.query(
                "SELECT state, deadline > now() FROM offers WHERE id = \(offerID) AND candidate_id = \(candidateID) FOR UPDATE",
                logger: database.logger
            )
            var found: (state: String, open: Bool)?
            for try await row in rows.decode((String, Bool).self) { found = row }
            guard let found else { return .notFound }
            guard found.state == "pending" else { return .notPending(state: found.state) }
            guard found.open else { return .pastDeadline }
            // Refused here, typed, rather than by the database's deferred check at commit.
            let links = try await connection.query(
                "SELECT partner_offer_id FROM couple_offers WHERE offer_id = \(offerID)", logger: database.logger
            )
            for try await partner in links.decode(Int64.self) { return .linkedToPartner(partnerOfferID: partner) }
            try await connection.query("UPDATE offers SET state = \(state) WHERE id = \(offerID)", logger: database.logger)
            try await AuditLog.record(
                actor: actor, action: "offer.\(state == "accepted" ? "accept" : "decline")", subject: "offer:\(offerID)",
                details: ["candidate": "\(candidateID)", "reason": reason], on: connection, logger: database.logger
            )
            return .done
        }
    }
}
