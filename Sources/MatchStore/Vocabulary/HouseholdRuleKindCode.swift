/// A per-post household-registration rule, which always cites its legal basis: the
/// registration must lie within a region, or outside it.
public enum HouseholdRuleKindCode: String, VocabularyCode {
    case registeredWithin = "registered_within"
    case registeredOutside = "registered_outside"

    public static let cataloguePrefix = "rule"
}
