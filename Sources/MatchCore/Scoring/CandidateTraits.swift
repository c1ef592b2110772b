/// What the scoring loop needs of one candidate, as small integers, read once per candidate
/// rather than once per ranked pair. Built by `PairTable`.
struct CandidateTraits: Sendable {
    /// The candidate's specialties in `PairTable.specialties[specialtyStart ..< specialtyEnd]`.
    var specialtyStart: Int32
    var specialtyEnd: Int32
    /// `EducationLevel.rank` and `ProfessionalTitle.rank`.
    var education: UInt8
    var title: UInt8
    /// Accepted introduction modes, bit `IntroductionMode.allCases` index.
    var modes: UInt8
    /// 1 when the candidate comes from a programme, else 0 (an index into the points table).
    var programme: UInt8
    /// 1 when willing to serve in hardship areas, else 0.
    var acceptsHardship: UInt8
    /// False when no household registration is recorded.
    var hasRegistration: Bool
    var yearsOfExperience: Int
    /// Household registration (rules and native place); meaningless without one.
    var registration: RegionPrefix
    /// The registration's six-digit padded form, -1 without one.
    var registrationCounty: Int32
    /// Experience points under the first policy: the only one, in all but markets.
    var experiencePoints: Double
}
