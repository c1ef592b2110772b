/// Every feature's points under one policy, computed once per policy for every raw value a
/// feature can take, with exactly the arithmetic `Scorer.score` uses
/// (`totalWeight > 0 ? 100 × weight × raw / totalWeight : 0`, same operand order), so a
/// table lookup gives the same `Double`, bit for bit, as computing it per pair.
///
/// The raw values are few: specialty fit 0…3 (3 also for "no requirement"), education and
/// title rank against a minimum rank, native place 0…3, programme and hardship 0/1. Only
/// experience depends on an unbounded number and is computed per candidate.
struct PointTables: Sendable {
    let specialty: [Double]
    /// `education[minimumRank * levels + rank]`.
    let education: [Double]
    /// `title[minimumRank * titles + rank]`.
    let title: [Double]
    /// Indexed by 0 none, 1 province, 2 prefecture, 3 county.
    let nativePlace: [Double]
    let programme: [Double]
    let hardship: [Double]
    let policy: Policy
    let totalWeight: Double

    static let educationLevels = EducationLevel.allCases.count
    static let titleLevels = ProfessionalTitle.allCases.count

    init(policy: Policy) {
        // The fast sum adds features in this order; Scorer adds them in allCases order.
        precondition(
            ScoringFeature.allCases == [
                .specialtyFit, .educationAboveMinimum, .titleAboveMinimum, .experience, .nativePlace,
                .programmeBackground, .hardshipWillingness,
            ], "the fast scorer sums features in ScoringFeature.allCases order"
        )
        let totalWeight = ScoringFeature.allCases.reduce(0) { $0 + policy.weight($1) }
        func points(_ feature: ScoringFeature, _ raw: Double) -> Double {
            let weight = policy.weight(feature)
            return totalWeight > 0 ? 100 * weight * raw / totalWeight : 0
        }
        self.policy = policy
        self.totalWeight = totalWeight
        specialty = (0...3).map { points(.specialtyFit, Double($0) / 3) }
        education = Self.ladder(levels: Self.educationLevels) { points(.educationAboveMinimum, $0) }
        title = Self.ladder(levels: Self.titleLevels) { points(.titleAboveMinimum, $0) }
        nativePlace = [0, 1.0 / 3, 2.0 / 3, 1].map { points(.nativePlace, $0) }
        programme = [0, 1].map { points(.programmeBackground, $0) }
        hardship = [0, 1].map { points(.hardshipWillingness, $0) }
    }

    /// Experience points for a number of years (`Scorer.rawValue(.experience, …)`).
    func experience(years: Int) -> Double {
        let cap = policy.experienceCap
        let raw = Double(min(years, cap)) / Double(cap)
        let weight = policy.weight(.experience)
        return totalWeight > 0 ? 100 * weight * raw / totalWeight : 0
    }

    /// Points for "levels above the minimum as a share of the levels above it", for every
    /// (minimum, level) pair, as `Scorer.rawValue` computes the share.
    private static func ladder(levels: Int, points: (Double) -> Double) -> [Double] {
        var table: [Double] = []
        for minimum in 0..<levels {
            let span = levels - 1 - minimum
            for rank in 0..<levels {
                table.append(points(span > 0 ? Double(max(0, rank - minimum)) / Double(span) : 0))
            }
        }
        return table
    }
}
