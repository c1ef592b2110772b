/// What a message tells its recipient: one event of the offer's life, a review's decision, a
/// couple's invitation, the night's result for office staff, or something about the account.
///
/// Account and offer messages always go out; the others can be turned off by the candidate
/// (`isOptional`, the schema's `candidates.muted_messages`). Catalogue keys
/// `message_kind_<code>` name each kind for people (the preferences page, staff's lists).
public enum MessageKindCode: String, VocabularyCode {
    case offerReleased = "offer_released"
    case offerDeadline = "offer_deadline"
    case offerWithdrawn = "offer_withdrawn"
    case offerReinstated = "offer_reinstated"
    case offerExpired = "offer_expired"
    /// A couple's linked offer declined with the other partner's (their decline, or their
    /// account's deletion): written by the database's trigger that moves it (migration 0114).
    case offerReleasedWithPartner = "offer_released_with_partner"
    case reviewDecided = "review_decided"
    case coupleInvitation = "couple_invitation"
    case nightResult = "night_result"
    case contactVerification = "contact_verification"
    case passwordReset = "password_reset"
    case registrationNotice = "registration_notice"
    case passwordChanged = "password_changed"
    case contactChanged = "contact_changed"

    public static let cataloguePrefix = "message_kind"

    /// The kinds a candidate may turn off; everything else reaches them whatever they chose.
    public static let optional: [MessageKindCode] = [.offerDeadline, .reviewDecided, .coupleInvitation]

    public var isOptional: Bool { Self.optional.contains(self) }

    /// Kinds whose subject is an offer (`subject_id` is the offer's id).
    public var isAboutAnOffer: Bool {
        [.offerReleased, .offerDeadline, .offerWithdrawn, .offerReinstated, .offerExpired, .offerReleasedWithPartner].contains(self)
    }

    /// Kinds that go to one address fixed by the event (a code goes to the contact it checks)
    /// rather than by the recipient's chosen channels.
    public var isAccountMessage: Bool {
        [.contactVerification, .passwordReset, .registrationNotice, .passwordChanged, .contactChanged].contains(self)
    }
}
