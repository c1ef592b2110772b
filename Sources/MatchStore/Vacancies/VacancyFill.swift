import Foundation

/// One post in a centre's listing, with how far it is filled: offers waiting for an answer
/// and offers accepted, against its seats.
public struct VacancyFill: Sendable, Equatable {
    public let id: Int64
    public let externalID: String
    public let title: String
    public let regionCode: String
    public let status: VacancyStatus
    public let seats: Int
    public let pending: Int
    public let accepted: Int
    public let updatedAt: Date

    /// Seats neither accepted nor held by a pending offer.
    public var unfilled: Int { max(seats - accepted - pending, 0) }
}

extension VacancyFill {
    /// The listing line of a whole post read with its offer counts.
    init(_ post: Vacancy) {
        self.init(
            id: post.id, externalID: post.draft.externalID, title: post.draft.title, regionCode: post.draft.regionCode,
            status: post.status, seats: post.draft.seats, pending: post.pendingOffers, accepted: post.acceptedOffers,
            updatedAt: post.updatedAt)
    }
}

/// An offer made on one of a centre's posts, as the centre sees it.
public struct VacancyOffer: Sendable, Equatable {
    public let offerID: Int64
    public let vacancyID: Int64
    public let runID: Int64
    public let candidateName: String
    public let state: String
    public let deadline: Date
    public let createdAt: Date
}
