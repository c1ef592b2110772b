import Logging
import PostgresNIO

/// What reinstating a couple's linked offer would find (ADR 0049): the partner's offer and
/// whether the pair can come back now. Read through the database's `couple_reinstatement`
/// (migration 0113), which sees the partner's post whatever the caller's scope: a couple's
/// two posts may lie in different offices' regions.
struct CoupleReinstatement: Sendable, Equatable {
    let partnerOfferID: Int64
    let partnerCandidateID: Int64
    let partnerState: String
    /// Both posts open with a seat for each of the pair's offers, and neither partner holding
    /// an accepted or open offer.
    let pairFree: Bool
    /// A post of the pair closed, or a partner accepted another offer: a waiting priority lapses.
    let pairLapsed: Bool

    /// Only an offer that ended with its partner's (declined or expired) comes back with it;
    /// a withdrawn partner's offer is final, so the pair cannot be restored.
    var partnerRestorable: Bool { ["declined", "expired"].contains(partnerState) }

    /// The pair of linked offer `offerID`, or nil for a single's offer.
    static func read(_ offerID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> CoupleReinstatement? {
        let rows = try await connection.queryOpen(
            "SELECT partner_offer_id, partner_candidate_id, partner_state, pair_free, pair_lapsed FROM couple_reinstatement(\(offerID))",
            logger: logger
        )
        for try await (id, candidate, state, free, lapsed) in rows.decode((Int64, Int64, String, Bool, Bool).self) {
            return CoupleReinstatement(partnerOfferID: id, partnerCandidateID: candidate, partnerState: state,
                                       pairFree: free, pairLapsed: lapsed)
        }
        return nil
    }
}
