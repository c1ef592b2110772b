/// What the scoring loop needs of one vacancy, as small integers, built once per vacancy.
/// Built by `PairTable`.
struct VacancyTraits: Sendable {
    /// Requirements in `PairTable.requirements[requirementStart ..< requirementEnd]`.
    var requirementStart: Int32
    var requirementEnd: Int32
    /// Household rules in `PairTable.rules[ruleStart ..< ruleEnd]`.
    var ruleStart: Int32
    var ruleEnd: Int32
    /// Minimum ranks, 0 when the vacancy sets none (every rank is ≥ 0, and `Scorer` uses 0).
    var minimumEducation: UInt8
    var minimumTitle: UInt8
    /// Accepted introduction modes, bit `IntroductionMode.allCases` index.
    var modes: UInt8
    /// 1 for a post in a hardship category, else 0.
    var hardship: UInt8
    var minimumExperience: Int
    /// The post's six-digit padded region, -1 without one.
    var county: Int32
}
