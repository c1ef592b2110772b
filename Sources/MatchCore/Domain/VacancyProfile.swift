/// What a talent exchange centre posts about a vacancy.
public struct VacancyProfile: Sendable, Equatable {
    public var id: String
    public var region: RegionCode?
    public var seats: Int
    /// Seats with precedence over the region's cap (Kamada–Kojima's target).
    public var target: Int
    public var requiredSpecialties: [SpecialtyRequirement]
    public var minimumEducation: EducationLevel?
    public var minimumTitle: ProfessionalTitle?
    public var minimumExperience: Int
    public var acceptedModes: Set<IntroductionMode>
    public var incentives: [Incentive]
    public var householdRules: [HouseholdRegistrationRule]
    /// Hardship and remote area category 1 (mildest) to 6, or nil.
    public var hardshipCategory: Int?

    public init(
        id: String, region: RegionCode?, seats: Int, target: Int = 0, requiredSpecialties: [SpecialtyRequirement] = [],
        minimumEducation: EducationLevel? = nil, minimumTitle: ProfessionalTitle? = nil, minimumExperience: Int = 0,
        acceptedModes: Set<IntroductionMode> = [.fullTransfer], incentives: [Incentive] = [],
        householdRules: [HouseholdRegistrationRule] = [], hardshipCategory: Int? = nil
    ) {
        precondition(seats >= 0 && target >= 0 && target <= seats, "0 ≤ target ≤ seats")
        precondition(minimumExperience >= 0, "minimum experience is never negative")
        precondition(hardshipCategory.map { (1...6).contains($0) } ?? true, "hardship categories run from 1 to 6")
        self.id = id
        self.region = region
        self.seats = seats
        self.target = target
        self.requiredSpecialties = requiredSpecialties
        self.minimumEducation = minimumEducation
        self.minimumTitle = minimumTitle
        self.minimumExperience = minimumExperience
        self.acceptedModes = acceptedModes
        self.incentives = incentives
        self.householdRules = householdRules
        self.hardshipCategory = hardshipCategory
    }
}
