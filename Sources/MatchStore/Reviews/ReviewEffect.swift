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
            try await OfferMoves.resume([offer.id], on: connection, logger: logger)
            return .resumed
        case .withdrawn:
            try await OfferMoves.withdraw([offer.id], cause: .review, on: connection, logger: logger)
            return .withdrawn
        case .reinstated:
            if try await OfferMoves.seatIsFree(for: offer, on: connection, logger: logger) {
                try await OfferMoves.reinstate(offer, on: connection, logger: logger)
                return .restored
            }
            try await SeatPriorities.grant(offer: offer.id, requestID: requestID, on: connection, logger: logger)
            return .priority
        }
    }
}
