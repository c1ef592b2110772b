/// What a candidate tells the gateway. There is deliberately no gender or age field:
/// what is not in the type cannot be scored.
public struct CandidateProfile: Sendable, Equatable {
    public var id: String
    /// Catalogue codes; fit is judged on the code → class → discipline ladder.
    public var specialties: [SpecialtyCode]
    public var education: EducationLevel
    public var title: ProfessionalTitle
    public var yearsOfExperience: Int
    public var householdRegistration: HouseholdRegistration?
    public var currentRegion: RegionCode?
    public var acceptedModes: Set<IntroductionMode>
    public var programmes: Set<Programme>
    /// Willing to serve in designated hardship and remote areas (艰苦边远地区).
    public var acceptsHardshipAreas: Bool
    /// Vacancy ids, best first.
    public var ranking: [String]

    public init(
        id: String, specialties: [SpecialtyCode], education: EducationLevel, title: ProfessionalTitle = .none,
        yearsOfExperience: Int = 0, householdRegistration: HouseholdRegistration? = nil, currentRegion: RegionCode? = nil,
        acceptedModes: Set<IntroductionMode> = [.fullTransfer], programmes: Set<Programme> = [],
        acceptsHardshipAreas: Bool = false, ranking: [String] = []
    ) {
        precondition(yearsOfExperience >= 0, "years of experience are never negative")
        self.id = id
        self.specialties = specialties
        self.education = education
        self.title = title
        self.yearsOfExperience = yearsOfExperience
        self.householdRegistration = householdRegistration
        self.currentRegion = currentRegion
        self.acceptedModes = acceptedModes
        self.programmes = programmes
        self.acceptsHardshipAreas = acceptsHardshipAreas
        self.ranking = ranking
    }
}
