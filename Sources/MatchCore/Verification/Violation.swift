/// One way a matching breaks a rule, with the parties involved (dense indices, -1 = n/a)
/// and a sentence a person can read.
public struct Violation: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, Equatable, Hashable, CaseIterable {
        /// An assignment names no vacancy of the instance.
        case invalidAssignment = "invalid-assignment"
        /// A vacancy holds more candidates than its capacity.
        case capacityExceeded = "capacity-exceeded"
        /// A capped region holds more candidates than its cap.
        case capExceeded = "cap-exceeded"
        /// A pair is matched that one side did not list (eligibility, individual rationality).
        case notAcceptable = "not-acceptable"
        /// Couple members placed in a combination the couple did not list.
        case coupleConstraint = "couple-constraint"
        /// A single candidate and a vacancy who both prefer each other to the matching.
        case blockingPair = "blocking-pair"
        /// A couple and a pair of vacancies that would all rather be matched together.
        case coupleBlockingPair = "couple-blocking-pair"
    }

    public var kind: Kind
    public var candidate: Int
    public var vacancy: Int
    public var region: Int
    public var couple: Int
    public var detail: String

    public init(_ kind: Kind, candidate: Int = -1, vacancy: Int = -1, region: Int = -1, couple: Int = -1, detail: String) {
        self.kind = kind
        self.candidate = candidate
        self.vacancy = vacancy
        self.region = region
        self.couple = couple
        self.detail = detail
    }

    /// Whether the violation is about stability rather than feasibility.
    public var isBlocking: Bool { kind == .blockingPair || kind == .coupleBlockingPair }
}
