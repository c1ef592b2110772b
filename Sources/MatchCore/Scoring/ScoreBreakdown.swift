/// How one feature contributed to a score.
public struct FeatureContribution: Sendable, Equatable {
    public var feature: ScoringFeature
    /// The feature's value in 0…1 before weighting.
    public var raw: Double
    public var weight: Double
    /// Points out of 100 this feature added.
    public var contribution: Double

    /// `raw` to 4 decimals, as explanations show it (the score itself is rounded the same way).
    public var roundedRaw: Double { Scorer.rounded(raw) }
}

/// A pair's score (0–100) and every feature behind it, native place included.
public struct ScoreBreakdown: Sendable, Equatable {
    public var policyVersion: String
    public var contributions: [FeatureContribution]
    /// Rounded to 4 decimals; the same value orders the vacancy's priority list.
    public var score: Double
}
