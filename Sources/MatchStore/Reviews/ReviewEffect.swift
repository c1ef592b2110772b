import Logging
import PostgresNIO

/// What a review decision does to its offer (docs/offers.md), in the decision's transaction.
enum ReviewEffect: String, Sendable, Equatable {
    /// Nothing to change: the offer was not under review (upheld).
    case none
    /// The deadline resumed with the time that was left (upheld).
    case resumed
    /// The declined or expired offer is pending again (reinstated, seat free).
    case restored
    /// The seat was taken: the candidate comes first for the post's next free seat.
    case priority
    /// The open offer was withdrawn.
    case withdrawn
    /// Upheld, but a review of the couple's other offer is still open: both stay paused and
    /// resume together when it is decided (ADR 0049).
    case pausedWithPartner = "paused_with_partner"

    /// Refuses a decision that cannot apply to an offer in `offerState`.
    static func check(_ decision: ReviewRequest.Decision, offerState: String, requestID: Int64) throws {
        let applies = switch decision {
        case .upheld: true
        case .reinstated: ["declined", "expired"].contains(offerState)
        case .withdrawn: ["pending", "under_review"].contains(offerState)
        case .changed: false
        }
        guard applies else {
            throw ReviewStoreError.notApplicable(requestID: requestID, decision: decision.rawValue, offerState: offerState)
        }
    }

    /// Applies a checked decision; the request must already be recorded as decided (the
    /// database's guard lets a `reinstated` decision restore its offer once).
    static func apply(
        _ decision: ReviewRequest.Decision, to offer: OfferMoves.Locked, requestID: Int64,
        on connection: PostgresConnection, logger: Logger
    ) async throws -> ReviewEffect {
        switch decision {
        case .upheld, .changed:
            guard offer.state == "under_review" else { return .none }
            let pair = try await OfferMoves.withPartners([offer.id], on: connection, logger: logger)
            let resumed = try await OfferMoves.resume(pair, on: connection, logger: logger)
            return resumed.isEmpty ? .pausedWithPartner : .resumed
        case .withdrawn:
            // A couple's partner's open offer is withdrawn with it (ADR 0049).
            try await OfferMoves.withdraw([offer.id], cause: .review, on: connection, logger: logger)
            return .withdrawn
        case .reinstated:
            if let pair = try await CoupleReinstatement.read(offer.id, on: connection, logger: logger) {
                return try await reinstateCouple(offer, pair, requestID: requestID, on: connection, logger: logger)
            }
            if try await OfferMoves.seatIsFree(for: offer, on: connection, logger: logger) {
                try await OfferMoves.reinstate(offer, on: connection, logger: logger)
                return .restored
            }
            try await SeatPriorities.grant(offer: offer.id, requestID: requestID, on: connection, logger: logger)
            return .priority
        }
    }

    /// A couple's linked offer comes back only with its partner's (ADR 0049): both now when
    /// both seats are free, else the pair's priority for both posts' next free seats together.
    /// A partner's offer that did not end with it (withdrawn) cannot come back: refused, typed.
    private static func reinstateCouple(
        _ offer: OfferMoves.Locked, _ pair: CoupleReinstatement, requestID: Int64,
        on connection: PostgresConnection, logger: Logger
    ) async throws -> ReviewEffect {
        guard pair.partnerRestorable else {
            throw ReviewStoreError.partnerNotReinstatable(
                requestID: requestID, partnerOfferID: pair.partnerOfferID, partnerState: pair.partnerState)
        }
        guard pair.pairFree else {
            try await SeatPriorities.grant(offer: offer.id, requestID: requestID, on: connection, logger: logger)
            return .priority
        }
        try await OfferMoves.reinstate(offer, on: connection, logger: logger)
        try await OutboxWrites.offerReinstated(
            offerID: pair.partnerOfferID, candidateID: pair.partnerCandidateID, on: connection, logger: logger)
        return .restored
    }
}
