/// Something a vacancy offers to attract candidates; shown to candidates, not scored.
public struct Incentive: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, Equatable, Hashable, CaseIterable {
        case hardshipAllowance = "hardship-allowance"
        case housing
        case settlingInPayment = "settling-in-payment"
        case spousePlacement = "spouse-placement"
        case schoolPlaces = "school-places"
        case promotionPriority = "promotion-priority"
        case other
    }

    public var kind: Kind
    public var detail: String

    public init(kind: Kind, detail: String = "") {
        self.kind = kind
        self.detail = detail
    }
}
