import Foundation

/// A stored post: the draft a centre wrote, with its id, owner, status and times.
public struct Vacancy: Sendable, Equatable {
    public let id: Int64
    public let centreID: Int64
    /// The owning centre's code, as the API names it.
    public let centreCode: String
    public let draft: VacancyDraft
    public let status: VacancyStatus
    public let createdAt: Date
    public let updatedAt: Date
    /// Offers awaiting an answer, and offers accepted (seats taken), when the post was read.
    public let pendingOffers: Int
    public let acceptedOffers: Int

    public init(
        id: Int64, centreID: Int64, centreCode: String, draft: VacancyDraft, status: VacancyStatus, createdAt: Date, updatedAt: Date,
        pendingOffers: Int = 0, acceptedOffers: Int = 0
    ) {
        self.id = id
        self.centreID = centreID
        self.centreCode = centreCode
        self.draft = draft
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.pendingOffers = pendingOffers
        self.acceptedOffers = acceptedOffers
    }
}

/// A post is written as a draft, opened to the nightly match, and closed when filled or
/// withdrawn. A closed post is never reopened or edited: its offers refer to it as it was.
public enum VacancyStatus: String, Sendable, Equatable, CaseIterable {
    case draft, open, closed

    /// Whether a post may move from this status to `next` (staying put is always allowed).
    public func canBecome(_ next: VacancyStatus) -> Bool {
        switch (self, next) {
        case (.draft, _), (.open, .open), (.open, .closed), (.closed, .closed): true
        default: false
        }
    }
}
