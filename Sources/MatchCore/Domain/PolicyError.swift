/// A policy or rule that must not be used as written.
public enum PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A household-registration rule without the text of its legal basis.
    case missingLegalBasis(region: RegionCode)
    /// A weight that is negative, infinite or NaN.
    case invalidWeight(feature: String, value: Double)
    /// A positive native-place weight needs the office's stated reason.
    case nativePlaceWeightWithoutReason
    case invalidExperienceCap(Int)

    public var description: String {
        switch self {
        case .missingLegalBasis(let region):
            "a household-registration rule for region \(region) must cite its legal basis"
        case .invalidWeight(let feature, let value):
            "weight of '\(feature)' must be a finite number ≥ 0 (got \(value))"
        case .nativePlaceWeightWithoutReason:
            "a positive native-place weight needs the office's reason"
        case .invalidExperienceCap(let years):
            "the experience cap must be at least 1 year (got \(years))"
        }
    }
}
