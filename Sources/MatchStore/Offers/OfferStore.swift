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
    /// each candidate is told in the same transaction (a couple's partner by the trigger that
    /// expires their offer with the other's).
    public func expire(asOf instant: Date = Date(), actor: String = "timer") async throws -> Int {
        try await database.transaction(.attributed(to: actor, reason: "deadline passed")) { connection in
            let expired: PostgresQuery = """
                UPDATE offers SET state = 'expired' WHERE state = 'pending' AND deadline <= \(instant) RETURNING id, candidate_id
                """
            let count = try await OutboxWrites.tellAboutOffers(.offerExpired, offers: expired, on: connection, logger: database.logger)
            // A couple's partner's offer that this statement did not expire is expired with the
            // other's by the database's trigger, which tells its candidate (`offer_expired`,
            // migration 0114): each partner is told once, whichever moved their offer.
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
