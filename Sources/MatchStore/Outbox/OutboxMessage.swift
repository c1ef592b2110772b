import Foundation

/// A message the worker has claimed: who gets it where, in which language, and the facts it
/// tells, read when it is sent (ADR 0042). The worker composes the text from these.
public struct OutboxMessage: Sendable, Equatable {
    public let id: Int64
    public let kind: MessageKindCode
    public let channel: MessageChannelCode
    /// Where it goes; nil when the recipient has no verified address on the channel any more
    /// (a deleted account, a removed contact): such a message is cancelled, not sent.
    public let address: String?
    /// "zh-CN" or "en": the recipient's language as stored when the message is sent.
    public let language: String
    /// This attempt's number, from 1.
    public let attempt: Int
    /// When the event happened (the message was written with it).
    public let createdAt: Date
    public let facts: MessageFacts

    public init(id: Int64, kind: MessageKindCode, channel: MessageChannelCode, address: String?, language: String,
                attempt: Int, createdAt: Date, facts: MessageFacts) {
        self.id = id
        self.kind = kind
        self.channel = channel
        self.address = address
        self.language = language
        self.attempt = attempt
        self.createdAt = createdAt
        self.facts = facts
    }
}

/// What a message says, by the kind of its subject. Nothing here is an ID number or a
/// score: a message names the post, the deadline and where to read the rest.
public struct MessageFacts: Sendable, Equatable {
    /// An offer's post, as the candidate's pages show it.
    public struct Offer: Sendable, Equatable {
        public let postTitle: String
        public let regionName: String
        public let deadline: Date
        /// "pending", "accepted", …: a reminder for an offer already answered is not sent.
        public let state: String

        public init(postTitle: String, regionName: String, deadline: Date, state: String) {
            self.postTitle = postTitle
            self.regionName = regionName
            self.deadline = deadline
            self.state = state
        }
    }

    /// A decided review request: upheld or changed, with the office's reason.
    public struct Review: Sendable, Equatable {
        public let decision: String
        public let reason: String
        public let postTitle: String

        public init(decision: String, reason: String, postTitle: String) {
            self.decision = decision
            self.reason = reason
            self.postTitle = postTitle
        }
    }

    /// A night's result for an office's staff.
    public struct Night: Sendable, Equatable {
        public let officeName: String
        public let date: String
        /// "committed" or "failed" (the verifier refused it, or the input was rejected).
        public let status: String
        public let offers: Int
        public let seats: Int
        public let filled: Int
        public let candidates: Int
        /// Seats the office's floors still lack, summed over its floors.
        public let shortfall: Int
        public let stable: Bool
        public let violations: Int
        public let failure: String?

        public init(officeName: String, date: String, status: String, offers: Int, seats: Int, filled: Int, candidates: Int,
                    shortfall: Int, stable: Bool, violations: Int, failure: String?) {
            self.officeName = officeName
            self.date = date
            self.status = status
            self.offers = offers
            self.seats = seats
            self.filled = filled
            self.candidates = candidates
            self.shortfall = shortfall
            self.stable = stable
            self.violations = violations
            self.failure = failure
        }
    }

    public var offer: Offer?
    public var review: Review?
    public var night: Night?
    /// The event's own facts (`code`, `token`, `inviter`, `expires_minutes`).
    public var payload: [String: String]

    public init(offer: Offer? = nil, review: Review? = nil, night: Night? = nil, payload: [String: String] = [:]) {
        self.offer = offer
        self.review = review
        self.night = night
        self.payload = payload
    }
}

/// What became of one attempt, as the channel reports it.
public enum DeliveryResult: Sendable, Equatable {
    /// Accepted by the relay or the provider; `detail` records its id or reply.
    case sent(detail: String)
    /// Worth trying again later (the relay is down, the provider throttles).
    case retry(reason: String)
    /// Never going to work (an address the relay refuses for good, a template the provider
    /// rejects): given up at once, visible to staff.
    case failed(reason: String)
    /// Nothing to send any more (no address, an offer answered before its reminder).
    case cancelled(reason: String)
}
