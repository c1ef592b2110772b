/// A whole market to load at once: offices, centres, open vacancies, candidates with their
/// consents, and rankings. What the demo and the synthetic national market are made of
/// (target MatchLocal); `MarketSeeder` writes it.
///
/// Rows refer to each other by code (a centre to its office, a vacancy to its centre) or by
/// position (a ranking to its candidate and vacancies), because none has an id before it is
/// written. Values are the database's codes (see `Vocabulary`).
public struct MarketSeed: Sendable {
    public struct Office: Sendable {
        public var code: String
        public var name: String
        public var region: String

        public init(code: String, name: String, region: String) {
            self.code = code
            self.name = name
            self.region = region
        }
    }

    public struct Centre: Sendable {
        public var officeCode: String
        public var code: String
        public var name: String
        public var region: String

        public init(officeCode: String, code: String, name: String, region: String) {
            self.officeCode = officeCode
            self.code = code
            self.name = name
            self.region = region
        }
    }

    /// An open post of a centre, as a centre would write it.
    public struct Vacancy: Sendable {
        public var centreCode: String
        public var draft: VacancyDraft

        public init(centreCode: String, draft: VacancyDraft) {
            self.centreCode = centreCode
            self.draft = draft
        }
    }

    /// A post already in the database, named by its centre and external id, which the seed's
    /// rankings may name too (a second office's seed whose candidates rank across offices).
    public struct ExistingVacancy: Sendable {
        public var centreCode: String
        public var externalID: String

        public init(centreCode: String, externalID: String) {
            self.centreCode = centreCode
            self.externalID = externalID
        }
    }

    /// A confirmed couple of the seed's candidates (by position in `candidates`; `first`
    /// invited `second`) and its joint ranking: pairs of positions in `vacancies`, best first.
    public struct Couple: Sendable {
        public struct Pair: Sendable, Equatable {
            public var first: Int32
            public var second: Int32

            public init(first: Int32, second: Int32) {
                self.first = first
                self.second = second
            }
        }

        public var first: Int
        public var second: Int
        public var pairs: [Pair]

        public init(first: Int, second: Int, pairs: [Pair]) {
            self.first = first
            self.second = second
            self.pairs = pairs
        }
    }

    public var offices: [Office]
    public var centres: [Centre]
    public var vacancies: [Vacancy]
    /// Registered, active candidates who have given both consents (matching, and sensitive
    /// data for the household registration), as a candidate who has ranked would have.
    public var candidates: [CandidateProfileRecord]
    /// Per candidate (by position in `candidates`), the positions in `vacancies` they rank,
    /// best first (positions from `vacancies.count` on name `existingVacancies`); an empty
    /// list writes no ranking.
    public var rankings: [[Int32]]
    public var existingVacancies: [ExistingVacancy]
    /// A first policy for each office (by code), as the office would create it.
    public var policies: [String: PolicyDraft]
    /// Couples among the candidates, confirmed, each with its joint ranking.
    public var couples: [Couple]

    public init(
        offices: [Office], centres: [Centre], vacancies: [Vacancy], candidates: [CandidateProfileRecord], rankings: [[Int32]],
        existingVacancies: [ExistingVacancy] = [], policies: [String: PolicyDraft] = [:], couples: [Couple] = []
    ) {
        self.offices = offices
        self.centres = centres
        self.vacancies = vacancies
        self.candidates = candidates
        self.rankings = rankings
        self.existingVacancies = existingVacancies
        self.policies = policies
        self.couples = couples
    }

    public var seats: Int { vacancies.reduce(0) { $0 + $1.draft.seats } }
}
