import MatchCore

/// Everything one market's nightly match reads, taken in one repeatable-read transaction:
/// its offices with their current policies, the open posts of all of them, and the candidates
/// who rank them (ADR 0030).
public struct NightlySnapshot: Sendable {
    /// The offices whose posts candidates rank together.
    public struct Market: Sendable, Equatable {
        public let id: Int64
        public let code: String
        public let name: String
    }

    public struct Office: Sendable, Equatable {
        public let id: Int64
        public let code: String
        public let name: String
        public let region: String
    }

    /// The policy version in force: weights and mechanism settings.
    public struct PolicyVersion: Sendable {
        public let id: Int64
        public let version: Int
        public let policy: Policy
        public let regions: [RegionConstraint]
        public let offerDays: Int
    }

    /// An office of the market with the policy that orders its posts tonight (nil when it has
    /// none: its posts are then left out, see `exclusions`).
    public struct MarketOffice: Sendable {
        public let office: Office
        public let policy: PolicyVersion?
    }

    public struct Vacancy: Sendable {
        public let id: Int64
        public let title: String
        public let profile: VacancyProfile
        /// Designated underserved: a key assistance county or a hardship area (lists in force).
        public let underserved: Bool
        /// The post's office, as a position in `offices`.
        public let office: Int
    }

    public struct Candidate: Sendable {
        public let id: Int64
        public let rankingID: Int64
        /// The profile, without its ranking: see `choices`.
        public let profile: CandidateProfile
        /// The frozen ranking as positions in `vacancies`, best first, limited to tonight's
        /// scope. Positions, not ids: a national night has 30 million of them.
        public let choices: [Int32]
        /// Each choice's rank in the candidate's whole list (1 = first), where it differs from
        /// its position in `choices` (posts not in tonight's match come between); empty when
        /// `choices` is the whole list.
        public let ranks: [UInt8]
        /// In a confirmed couple read tonight (`couples`): in the match even without a post
        /// of tonight's in their own list, and placed only as a couple.
        public var inCouple = false

        /// The whole-list rank of `choices[position]`.
        public func rank(ofChoice position: Int) -> Int {
            ranks.isEmpty ? position + 1 : Int(ranks[position])
        }
    }

    /// A row the engine cannot take, named so that an office can fix it.
    public struct RejectedRow: Sendable, Equatable, CustomStringConvertible {
        public let table: String
        public let id: Int64
        public let problem: String
        public var description: String { "\(table) \(id): \(problem)" }
    }

    /// A post left out of tonight's market, and why: the rest of the market runs.
    public struct Exclusion: Sendable, Equatable, CustomStringConvertible {
        public enum Reason: String, Sendable, CaseIterable {
            /// The post's region is not in force in the reference edition (retired or unknown).
            case regionNotInForce = "region-not-in-force"
            /// A household rule names a region not in force.
            case ruleRegionNotInForce = "rule-region-not-in-force"
            /// A household rule the engine cannot apply (no legal basis, unknown kind).
            case unusableRule = "unusable-rule"
            /// A required specialty is not a catalogue code.
            case unknownSpecialty = "unknown-specialty"
            /// A code the engine does not know (education, title, mode).
            case unknownCode = "unknown-code"
            /// The post's office has no policy to order its applicants.
            case noPolicy = "no-policy"
            /// The engine refused the post's values (a last line of defence; the door checks them).
            case engineRefused = "engine-refused"
        }

        public let vacancyID: Int64
        public let officeID: Int64
        public let reason: Reason
        public let detail: String

        public var description: String { "vacancy \(vacancyID): \(reason.rawValue): \(detail)" }
    }

    public let market: Market
    /// In code order: the order the engine lists them in (ADR 0030).
    public let offices: [MarketOffice]
    /// Office after office (in `offices` order), each office's posts in id order.
    public let vacancies: [Vacancy]
    public let candidates: [Candidate]
    /// Seats held in each constrained region by earlier nights' pending and accepted offers.
    public let held: [RegionCode: Int]
    public let exclusions: [Exclusion]
    /// Candidate rows the engine cannot take; each leaves that candidate out.
    public let rejected: [RejectedRow]
    /// Confirmed couples with both partners among `candidates` (ADR 0040).
    public var couples: [Couple] = []

    /// Engine ids: `v<id>` and `c<id>`, so that exported instances say what they refer to.
    static func vacancyKey(_ id: Int64) -> String { "v\(id)" }
    static func candidateKey(_ id: Int64) -> String { "c\(id)" }
}
