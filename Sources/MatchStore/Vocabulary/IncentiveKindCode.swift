import MatchCore

/// What a post offers to draw people: allowance, housing (周转房), a settling-in payment
/// (安家费), spouse placement, children's school places, priority in promotion.
public enum IncentiveKindCode: String, VocabularyCode {
    case hardshipAllowance = "hardship_allowance"
    case housing
    case settlingInPayment = "settling_in_payment"
    case spousePlacement = "spouse_placement"
    case childrenSchooling = "children_schooling"
    case promotionPriority = "promotion_priority"

    public static let cataloguePrefix = "incentive"

    public var kind: Incentive.Kind {
        switch self {
        case .hardshipAllowance: .hardshipAllowance
        case .housing: .housing
        case .settlingInPayment: .settlingInPayment
        case .spousePlacement: .spousePlacement
        case .childrenSchooling: .schoolPlaces
        case .promotionPriority: .promotionPriority
        }
    }

    /// The engine's incentive for a stored row: the kind (`other` for a code the engine has
    /// no kind for), and the amount and note as one detail.
    public static func incentive(code: String, amountYuan: Int?, note: String) -> Incentive {
        let detail = [amountYuan.map { "¥\($0)" }, note.isEmpty ? nil : note].compactMap { $0 }.joined(separator: " ")
        return Incentive(kind: Self(rawValue: code)?.kind ?? .other, detail: detail)
    }
}
