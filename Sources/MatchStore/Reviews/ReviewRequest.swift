import Foundation

/// A candidate's request that a person review an offer the match made (PIPL Art. 24), and
/// the office's decision once made.
public struct ReviewRequest: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable { case open, decided }

    /// `upheld`: the offer stands. `changed`: the office changes the outcome by hand (for
    /// example withdraws the offer so that the candidate is matched again) and says how.
    public enum Decision: String, Sendable, Equatable, CaseIterable { case upheld, changed }

    public let id: Int64
    public let offerID: Int64
    public let candidateID: Int64
    public let candidateName: String
    public let vacancyID: Int64
    public let vacancyTitle: String
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
    case invalidCursor

    public var description: String {
        switch self {
        case .invalid(let problems): problems.map(\.description).joined(separator: "; ")
        case .offerNotFound(let id): "no offer \(id) made to this candidate"
        case .alreadyOpen(let id): "review request \(id) for this offer is still open"
        case .notFound(let id): "no review request \(id) in this office's regions"
        case .alreadyDecided(let id): "review request \(id) is already decided"
        case .invalidCursor: "the cursor is not one this listing handed out"
        }
    }
}
