/// An office's versioned scoring policy: a weight per feature. Scores are
/// `100 × Σ weight × raw / Σ weight`, so only the weights' proportions matter and every
/// score lies in 0…100.
///
/// The native-place weight is zero unless the office sets it, and then it needs a reason;
/// either way it appears in every breakdown so it is never a hidden factor.
public struct Policy: Sendable, Equatable {
    public let version: String
    /// One weight per feature, in `ScoringFeature.allCases` order.
    public let weights: [ScoringFeature: Double]
    /// Years of experience beyond which more experience earns nothing.
    public let experienceCap: Int
    public let nativePlaceReason: String?

    public init(
        version: String, weights: [ScoringFeature: Double], experienceCap: Int = 10, nativePlaceReason: String? = nil
    ) throws(PolicyError) {
        for (feature, weight) in weights where !(weight.isFinite && weight >= 0) {
            throw PolicyError.invalidWeight(feature: feature.rawValue, value: weight)
        }
        guard experienceCap >= 1 else { throw PolicyError.invalidExperienceCap(experienceCap) }
        if (weights[.nativePlace] ?? 0) > 0, !(nativePlaceReason.map { $0.contains { !$0.isWhitespace } } ?? false) {
            throw PolicyError.nativePlaceWeightWithoutReason
        }
        self.version = version
        var complete: [ScoringFeature: Double] = [:]
        for feature in ScoringFeature.allCases { complete[feature] = weights[feature] ?? 0 }
        self.weights = complete
        self.experienceCap = experienceCap
        self.nativePlaceReason = nativePlaceReason
    }

    public func weight(_ feature: ScoringFeature) -> Double { weights[feature] ?? 0 }

    /// A balanced starting policy with no native-place weight.
    public static let standard: Policy = {
        let weights: [ScoringFeature: Double] = [
            .specialtyFit: 40, .educationAboveMinimum: 15, .titleAboveMinimum: 10, .experience: 20,
            .nativePlace: 0, .programmeBackground: 10, .hardshipWillingness: 5,
        ]
        do { return try Policy(version: "standard-1", weights: weights) } catch { preconditionFailure("\(error)") }
    }()
}
