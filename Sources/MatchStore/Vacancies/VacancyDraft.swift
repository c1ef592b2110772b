/// A post as a centre writes it, before it is checked and stored: every column of
/// `vacancies` that a centre controls, plus its specialties, incentives and household rules.
///
/// Field values use the database's spellings (`full_transfer`, `bachelor`, …) so that what
/// a centre sends, what CSV holds and what PostgreSQL checks are one vocabulary.
public struct VacancyDraft: Sendable, Equatable {
    public struct Specialty: Sendable, Equatable {
        public var code: String
        /// The loosest fit this post accepts: `same_code`, `same_class` or `same_discipline`.
        public var acceptedFit: String

        public init(code: String, acceptedFit: String = "same_class") {
            self.code = code
            self.acceptedFit = acceptedFit
        }
    }

    public struct Incentive: Sendable, Equatable {
        public var kind: String
        public var amountYuan: Int?
        public var note: String

        public init(kind: String, amountYuan: Int? = nil, note: String = "") {
            self.kind = kind
            self.amountYuan = amountYuan
            self.note = note
        }
    }

    /// A household-registration (户籍) limit: lawful only with the official text that sets it,
    /// which candidates are shown.
    public struct HouseholdRule: Sendable, Equatable {
        /// `registered_within` or `registered_outside`.
        public var kind: String
        public var regionCode: String
        public var legalBasis: String

        public init(kind: String, regionCode: String, legalBasis: String) {
            self.kind = kind
            self.regionCode = regionCode
            self.legalBasis = legalBasis
        }
    }

    public var externalID: String
    public var title: String
    public var description: String
    public var regionCode: String
    public var seats: Int
    public var target: Int?
    public var staffingType: String
    public var minEducation: String
    public var minTitle: String
    public var minExperienceYears: Int
    public var acceptedModes: [String]
    public var serviceYears: Int?
    public var specialties: [Specialty]
    public var incentives: [Incentive]
    public var householdRules: [HouseholdRule]

    public init(
        externalID: String, title: String, description: String = "", regionCode: String, seats: Int, target: Int? = nil,
        staffingType: String, minEducation: String = "associate", minTitle: String = "none", minExperienceYears: Int = 0,
        acceptedModes: [String], serviceYears: Int? = nil, specialties: [Specialty] = [], incentives: [Incentive] = [],
        householdRules: [HouseholdRule] = []
    ) {
        self.externalID = externalID
        self.title = title
        self.description = description
        self.regionCode = regionCode
        self.seats = seats
        self.target = target
        self.staffingType = staffingType
        self.minEducation = minEducation
        self.minTitle = minTitle
        self.minExperienceYears = minExperienceYears
        self.acceptedModes = acceptedModes
        self.serviceYears = serviceYears
        self.specialties = specialties
        self.incentives = incentives
        self.householdRules = householdRules
    }

    /// The same post in one canonical order (modes in vocabulary order, specialties by code,
    /// incentives by kind; rules keep their order), so that two spellings of one post compare
    /// equal and a re-import recognises an unchanged row.
    public var canonical: VacancyDraft {
        var copy = self
        copy.acceptedModes = IntroductionModeCode.codes.filter { acceptedModes.contains($0) }
        copy.specialties.sort { $0.code < $1.code }
        copy.incentives.sort { $0.kind < $1.kind }
        return copy
    }
}
