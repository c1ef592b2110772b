/// A couple or an open invitation as one partner sees it.
public struct CoupleView: Sendable, Equatable {
    public enum Status: String, Sendable {
        case invited
        case confirmed
    }

    public let id: Int64
    public let status: Status
    /// The viewer sent the invitation (and is `first` in the joint ranking).
    public let isInviter: Bool
    /// The contact the invitation was sent to, as typed.
    public let inviteeContact: String
    /// The other partner's name; empty while an invitation's contact has no account.
    public let partnerName: String
    public let partnerID: Int64?
    public let acceptsUnplaced: Bool
    public let partnerAcceptsUnplaced: Bool
}

/// What a change to a couple came to.
public enum CoupleOutcome: Sendable, Equatable {
    case done(coupleID: Int64)
    /// No open invitation or couple of this candidate with that id (or not theirs to change).
    case notFound
    /// A night of the couple's market is running: try again when its results are out.
    case frozen
    /// One of the two is already in a couple (or has an open invitation of their own).
    case alreadyInCouple
    /// The matching consent is not live for one of the two.
    case consentMissing
    case cannotInviteSelf
    case invalidContact
}
