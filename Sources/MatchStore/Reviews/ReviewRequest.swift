import Foundation

/// A candidate's request that a person review an offer the match made (PIPL Art. 24), and
/// the office's decision once made.
public struct ReviewRequest: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable { case open, decided }

    /// `upheld`: the offer stands (a paused deadline resumes). `reinstated`: a declined or
    /// expired offer is restored, or its candidate gets priority for the post's next free
    /// seat. `withdrawn`: the offer is withdrawn and the candidate rejoins the next night.
    /// `changed`: recorded text only, from before issue 16; no longer accepted.
    public enum Decision: String, Sendable, Equatable, CaseIterable { case upheld, changed, reinstated, withdrawn }

    public let id: Int64
    public let offerID: Int64
    public let candidateID: Int64
    public let candidateName: String
    public let vacancyID: Int64
    public let vacancyTitle: String
    /// The offer's state now (`under_review` while the request is open on a pending offer).
    public let offerState: String
    public let reason: String
    public let filedAt: Date
    public let status: Status
    public let decision: Decision?
    public let decisionReason: String?
    public let decidedBy: String?
    public let decidedAt: Date?
}

/// Why a review request could not be filed, read or decided.
public enum ReviewStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid([FieldProblem])
    /// The offer does not exist or was not made to this candidate.
    case offerNotFound(offerID: Int64)
    case alreadyOpen(requestID: Int64)
    /// The request does not exist or lies outside the office's regions.
    case notFound(requestID: Int64)
    case alreadyDecided(requestID: Int64)
    /// An accepted offer is final: there is nothing a review could change.
    case offerFinal(offerID: Int64, state: String)
    /// The decision cannot apply to the offer in its state (e.g. reinstating a pending offer).
    case notApplicable(requestID: Int64, decision: String, offerState: String)
    case invalidCursor
    /// A couple's linked offer comes back only with its partner's (ADR 0049), and the
    /// partner's offer did not end with it (it was withdrawn, which is final).
    case partnerNotReinstatable(requestID: Int64, partnerOfferID: Int64, partnerState: String)

    public var description: String {
        switch self {
        case .invalid(let problems): problems.map(\.description).joined(separator: "; ")
        case .offerNotFound(let id): "no offer \(id) made to this candidate"
        case .alreadyOpen(let id): "review request \(id) for this offer is still open"
        case .notFound(let id): "no review request \(id) in this office's regions"
        case .alreadyDecided(let id): "review request \(id) is already decided"
        case .offerFinal(let id, let state): "offer \(id) is \(state), which is final; it cannot be reviewed"
        case .notApplicable(let id, let decision, let state):
            "review request \(id) cannot be decided \(decision): the offer is \(state)"
            + (decision == "reinstated" ? " (only a declined or expired offer is reinstated)" : " (only an open offer is withdrawn)")
        case .invalidCursor: "the cursor is not one this listing handed out"
        case .partnerNotReinstatable(let id, let partner, let state):
            "review request \(id) cannot be decided reinstated: the offer is linked to its couple's offer \(partner), which is \(state), "
            + "not declined or expired with it; a couple's offers are reinstated only together, so neither can be restored "
            + "(decide upheld: a couple holding no offer rejoins the next night with its joint ranking)"
        }
    }
}
