import MatchCore

/// How far a post's specialty requirement reaches: the same six-digit code, the same
/// four-digit class, or the same two-digit discipline. The loosest accepted rung is stored.
public enum SpecialtyFitCode: String, VocabularyCode {
    case sameCode = "same_code"
    case sameClass = "same_class"
    case sameDiscipline = "same_discipline"

    public static let cataloguePrefix = "fit"

    /// The loosest accepted rung implies every tighter one.
    public var acceptedFits: Set<SpecialtyFit> {
        switch self {
        case .sameCode: [.sameCode]
        case .sameClass: [.sameCode, .sameClass]
        case .sameDiscipline: [.sameCode, .sameClass, .sameDiscipline]
        }
    }
}
