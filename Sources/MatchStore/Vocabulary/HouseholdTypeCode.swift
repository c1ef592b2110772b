import MatchCore

/// The type of a household registration (户口性质).
public enum HouseholdTypeCode: String, VocabularyCode {
    case agricultural
    case nonAgricultural = "non_agricultural"
    case resident

    public static let cataloguePrefix = "hukou_type"

    public var kind: HouseholdRegistration.Kind {
        switch self {
        case .agricultural: .agricultural
        case .nonAgricultural: .nonAgricultural
        case .resident: .resident
        }
    }
}
