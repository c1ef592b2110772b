/// One hard rule a candidate fails for a vacancy, in words a person can act on.
public enum IneligibilityReason: Sendable, Equatable, Hashable, CustomStringConvertible {
    case specialtyMismatch(required: [SpecialtyRequirement])
    case educationBelowMinimum(required: EducationLevel, actual: EducationLevel)
    case titleBelowMinimum(required: ProfessionalTitle, actual: ProfessionalTitle)
    case experienceBelowMinimum(required: Int, actual: Int)
    case noCommonIntroductionMode(vacancy: Set<IntroductionMode>, candidate: Set<IntroductionMode>)
    case householdRegistration(rule: HouseholdRegistrationRule, actual: RegionCode?)

    /// A short code for files and APIs.
    public var code: String {
        switch self {
        case .specialtyMismatch: "specialty"
        case .educationBelowMinimum: "education"
        case .titleBelowMinimum: "title"
        case .experienceBelowMinimum: "experience"
        case .noCommonIntroductionMode: "introduction-mode"
        case .householdRegistration: "household-registration"
        }
    }

    public var description: String {
        switch self {
        case .specialtyMismatch(let required):
            let wanted = required.map { "\($0.code) (\($0.accepted.sorted().reversed().map(AdmissionRule.fitName).joined(separator: "/")))" }
            return "specialty does not fit: requires \(wanted.joined(separator: " or "))"
        case .educationBelowMinimum(let required, let actual):
            return "education \(actual.rawValue) is below the minimum \(required.rawValue)"
        case .titleBelowMinimum(let required, let actual):
            return "professional title \(actual.rawValue) is below the minimum \(required.rawValue)"
        case .experienceBelowMinimum(let required, let actual):
            return "\(actual) years of experience, \(required) required"
        case .noCommonIntroductionMode(let vacancy, let candidate):
            return "introduction modes do not match: the vacancy accepts \(Self.modes(vacancy)), you accept \(Self.modes(candidate))"
        case .householdRegistration(let rule, let actual):
            let place = rule.kind == .within ? "in" : "outside"
            return "household registration must be \(place) \(rule.region) (\(rule.legalBasis)); yours is \(actual?.description ?? "not recorded")"
        }
    }

    private static func modes(_ modes: Set<IntroductionMode>) -> String {
        modes.map(\.rawValue).sorted().joined(separator: ", ")
    }
}
