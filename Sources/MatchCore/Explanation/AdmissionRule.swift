/// One hard rule a candidate met at the vacancy they got, for the 公示 of an offer.
///
/// Typed rather than worded so that a stored explanation stays small (a national night
/// stores hundreds of thousands) and each reader renders it in their own language;
/// `description` gives the English words the result format has always carried.
public enum AdmissionRule: Sendable, Equatable, Hashable, CustomStringConvertible {
    case specialtyFit(SpecialtyFit)
    /// The vacancy asks for no specialty.
    case noSpecialtyRequirement
    case education(actual: EducationLevel, minimum: EducationLevel)
    case title(actual: ProfessionalTitle, minimum: ProfessionalTitle)
    case experience(actual: Int, required: Int)
    /// The introduction modes both sides accept, sorted by raw value.
    case commonModes([IntroductionMode])
    case householdRegistration(HouseholdRegistrationRule)

    public var description: String {
        switch self {
        case .specialtyFit(let fit): "specialty fit: \(Self.fitName(fit))"
        case .noSpecialtyRequirement: "specialty: no requirement"
        case .education(let actual, let minimum): "education \(actual.rawValue) meets the minimum \(minimum.rawValue)"
        case .title(let actual, let minimum): "title \(actual.rawValue) meets the minimum \(minimum.rawValue)"
        case .experience(let actual, let required): "\(actual) years of experience, \(required) required"
        case .commonModes(let modes): "introduction mode: \(modes.map(\.rawValue).joined(separator: ", "))"
        case .householdRegistration(let rule):
            "household registration \(rule.kind == .within ? "inside" : "outside") \(rule.region), as required by: \(rule.legalBasis)"
        }
    }

    static func fitName(_ fit: SpecialtyFit) -> String {
        switch fit {
        case .sameCode: "same code"
        case .sameClass: "same class"
        case .sameDiscipline: "same discipline"
        case .none: "none"
        }
    }
}

/// The hard rules a candidate met at their vacancy.
enum AdmissionRules {
    static func passed(_ candidate: CandidateProfile, _ vacancy: VacancyProfile) -> [AdmissionRule] {
        var rules: [AdmissionRule] = []
        if let fit = Eligibility.bestAcceptedFit(candidate, vacancy) {
            rules.append(.specialtyFit(fit))
        } else if vacancy.requiredSpecialties.isEmpty {
            rules.append(.noSpecialtyRequirement)
        }
        if let minimum = vacancy.minimumEducation {
            rules.append(.education(actual: candidate.education, minimum: minimum))
        }
        if let minimum = vacancy.minimumTitle {
            rules.append(.title(actual: candidate.title, minimum: minimum))
        }
        if vacancy.minimumExperience > 0 {
            rules.append(.experience(actual: candidate.yearsOfExperience, required: vacancy.minimumExperience))
        }
        rules.append(.commonModes(vacancy.acceptedModes.intersection(candidate.acceptedModes).sorted { $0.rawValue < $1.rawValue }))
        for rule in vacancy.householdRules {
            rules.append(.householdRegistration(rule))
        }
        return rules
    }
}
