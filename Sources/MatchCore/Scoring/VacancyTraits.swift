/// What the scoring loop needs of one vacancy, packed into 32 bytes so that the one random
/// access per ranked pair reads one cache line: the nightly market has 100,000 vacancies,
/// more than the L2 cache holds, and each pair visits a random one. Built by `PairTable`.
///
/// The first two specialty requirements are inline (almost every vacancy has one or two);
/// further requirements and household rules sit in `PairTable.extras`.
struct VacancyTraits: Sendable {
    var minimumExperience: Int
    /// The post's six-digit padded region, -1 without one.
    var county: Int32
    /// The first two requirements' codes (`SpecialtyKey.code`), when present.
    var firstCode: Int32
    var secondCode: Int32
    /// The vacancy's entry in `PairTable.extras`, -1 when it has none.
    var extra: Int32
    /// The policy that orders this vacancy's applicants (its office's), in `PointTables`.
    var policy: UInt16
    /// The first two requirements' accepted rungs (`SpecialtyKey.accepted`, bits 1…3), the
    /// first in the low four bits and the second in the high four.
    var accepted: UInt8
    /// How many requirements are inline: 0, 1 or 2 (more are in `extras`).
    var inlineRequirements: UInt8
    /// Minimum ranks, 0 when the vacancy sets none (every rank is ≥ 0, and `Scorer` uses 0).
    var minimumEducation: UInt8
    var minimumTitle: UInt8
    /// Accepted introduction modes, bit `IntroductionMode.allCases` index.
    var modes: UInt8
    /// 1 for a post in a hardship category, else 0.
    var hardship: UInt8

    var firstAccepted: UInt8 { accepted & 0x0F }
    var secondAccepted: UInt8 { accepted >> 4 }
}

/// A vacancy's rare, longer rules: requirements beyond the first two and household rules.
struct VacancyExtras: Sendable {
    /// In `PairTable.requirements`.
    var requirementStart: Int32
    var requirementEnd: Int32
    /// In `PairTable.rules`.
    var ruleStart: Int32
    var ruleEnd: Int32
}

/// A household rule as integers: the region, and whether the registration must lie inside
/// it or outside it.
struct RuleTraits: Sendable {
    var region: RegionPrefix
    var within: Bool
}
