/// Every feature's points under each policy of an instance, computed once per policy for
/// every raw value a feature can take, with exactly the arithmetic `Scorer.score` uses
/// (`totalWeight > 0 ? 100 × weight × raw / totalWeight : 0`, same operand order), so a
/// table lookup gives the same `Double`, bit for bit, as computing it per pair.
///
/// The raw values are few: specialty fit 0…3 (3 also for "no requirement"), education and
/// title rank against a minimum rank, native place 0…3, programme and hardship 0/1, and
/// experience `min(years, cap)`. A market has one policy per office; each table holds the
/// policies one after another, so a vacancy's policy number picks its stretch of each.
struct PointTables: Sendable {
    /// `specialty[policy * 4 + fit]`.
    let specialty: [Double]
    /// `education[policy * levels² + minimumRank * levels + rank]`.
    let education: [Double]
    /// `title[policy * titles² + minimumRank * titles + rank]`.
    let title: [Double]
    /// Indexed by 0 none, 1 province, 2 prefecture, 3 county, after `policy * 4`.
    let nativePlace: [Double]
    /// `programme[policy * 2 + flag]`, `hardship[policy * 2 + flag]`.
    let programme: [Double]
    let hardship: [Double]
    /// Experience points by `min(years, cap)`, from `experienceStart[policy]`; a policy whose
    /// table would be longer than `longestExperienceTable` computes them per pair instead.
    let experience: [Double]
    let experienceStart: [Int]
    let experienceCaps: [Int]
    let policies: [Policy]
    let totalWeights: [Double]

    static let educationLevels = EducationLevel.allCases.count
    static let titleLevels = ProfessionalTitle.allCases.count
    static let longestExperienceTable = 4096

    /// - Parameter longestCareer: the most years of experience any candidate has; tables
    ///   need not reach beyond it.
    init(policies: [Policy], longestCareer: Int = .max) {
        // The fast sum adds features in this order; Scorer adds them in allCases order.
        precondition(
            ScoringFeature.allCases == [
                .specialtyFit, .educationAboveMinimum, .titleAboveMinimum, .experience, .nativePlace,
                .programmeBackground, .hardshipWillingness,
            ], "the fast scorer sums features in ScoringFeature.allCases order"
        )
        precondition(!policies.isEmpty && policies.count <= Int(UInt16.max) + 1, "1 to 65,536 policies")
        var (specialty, education, title, nativePlace, programme, hardship) = ([Double](), [Double](), [Double](), [Double](), [Double](), [Double]())
        var experience: [Double] = []
        var experienceStart: [Int] = []
        var totals: [Double] = []
        for policy in policies {
            let totalWeight = Self.totalWeight(policy)
            totals.append(totalWeight)
            let points = { (feature: ScoringFeature, raw: Double) in Self.points(policy, totalWeight, feature, raw) }
            specialty += (0...3).map { points(.specialtyFit, Double($0) / 3) }
            education += Self.ladder(levels: Self.educationLevels) { points(.educationAboveMinimum, $0) }
            title += Self.ladder(levels: Self.titleLevels) { points(.titleAboveMinimum, $0) }
            nativePlace += [0, 1.0 / 3, 2.0 / 3, 1].map { points(.nativePlace, $0) }
            programme += [0, 1].map { points(.programmeBackground, $0) }
            hardship += [0, 1].map { points(.hardshipWillingness, $0) }
            let reach = min(policy.experienceCap, max(longestCareer, 0))
            if reach < Self.longestExperienceTable {
                experienceStart.append(experience.count)
                experience += (0...reach).map { Self.experiencePoints(policy, totalWeight, years: $0) }
            } else {
                experienceStart.append(-1)
            }
        }
        (self.specialty, self.education, self.title, self.nativePlace, self.programme, self.hardship) =
            (specialty, education, title, nativePlace, programme, hardship)
        self.experience = experience
        self.experienceStart = experienceStart
        experienceCaps = policies.map(\.experienceCap)
        self.policies = policies
        totalWeights = totals
    }

    var hasOnePolicy: Bool { policies.count == 1 }

    /// Experience points for a number of years under a policy (`Scorer.rawValue(.experience, …)`).
    @inline(__always)
    func experience(policy: Int, years: Int) -> Double {
        let start = experienceStart[policy]
        guard start >= 0 else { return Self.experiencePoints(policies[policy], totalWeights[policy], years: years) }
        return experience[start + min(years, experienceCaps[policy])]
    }

    static func totalWeight(_ policy: Policy) -> Double {
        ScoringFeature.allCases.reduce(0) { $0 + policy.weight($1) }
    }

    private static func points(_ policy: Policy, _ totalWeight: Double, _ feature: ScoringFeature, _ raw: Double) -> Double {
        let weight = policy.weight(feature)
        return totalWeight > 0 ? 100 * weight * raw / totalWeight : 0
    }

    private static func experiencePoints(_ policy: Policy, _ totalWeight: Double, years: Int) -> Double {
        let cap = policy.experienceCap
        return points(policy, totalWeight, .experience, Double(min(years, cap)) / Double(cap))
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
