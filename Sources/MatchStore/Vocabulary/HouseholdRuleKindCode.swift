import MatchCore

/// A per-post household-registration rule, which always cites its legal basis: the
/// registration must lie within a region, or outside it. The engine applies both
/// (`HouseholdRegistrationRule.Kind`).
public enum HouseholdRuleKindCode: String, VocabularyCode {
    case registeredWithin = "registered_within"
    case registeredOutside = "registered_outside"

    public static let cataloguePrefix = "rule"

    public var kind: HouseholdRegistrationRule.Kind {
        switch self {
        case .registeredWithin: .within
        case .registeredOutside: .outside
        }
    }

    public init(_ kind: HouseholdRegistrationRule.Kind) {
        self = Self.allCases.first { $0.kind == kind } ?? .registeredWithin
    }
}
