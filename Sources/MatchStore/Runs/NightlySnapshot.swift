import MatchCore

/// Everything one office's nightly match reads, taken in one repeatable-read transaction.
public struct NightlySnapshot: Sendable {
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

    public struct Vacancy: Sendable {
        public let id: Int64
        public let title: String
        public let profile: VacancyProfile
        /// Designated underserved: a key assistance county or a hardship area (lists in force).
        public let underserved: Bool
    }

    public struct Candidate: Sendable {
        public let id: Int64
        public let rankingID: Int64
        /// The profile, without its ranking: see `choices`.
        public let profile: CandidateProfile
        /// The frozen ranking as positions in `vacancies`, best first, limited to tonight's
        /// scope. Positions, not ids: a national night has 30 million of them.
        public let choices: [Int32]
    }

    /// A row the engine cannot take, named so that an office can fix it.
    public struct RejectedRow: Sendable, Equatable, CustomStringConvertible {
        public let table: String
        public let id: Int64
        public let problem: String
        public var description: String { "\(table) \(id): \(problem)" }
    }

    public let office: Office
    public let policy: PolicyVersion
    public let vacancies: [Vacancy]
    public let candidates: [Candidate]
    public let rejected: [RejectedRow]

    /// Engine ids: `v<id>` and `c<id>`, so that exported instances say what they refer to.
    static func vacancyKey(_ id: Int64) -> String { "v\(id)" }
    static func candidateKey(_ id: Int64) -> String { "c\(id)" }
}
