/// Turns a candidate–vacancy pair into a score with its breakdown under a policy.
public enum Scorer {
    public static func score(_ candidate: CandidateProfile, for vacancy: VacancyProfile, policy: Policy) -> ScoreBreakdown {
        let totalWeight = ScoringFeature.allCases.reduce(0) { $0 + policy.weight($1) }
        var contributions: [FeatureContribution] = []
        var sum = 0.0
        for feature in ScoringFeature.allCases {
            let raw = rawValue(feature, candidate, vacancy, policy)
            let weight = policy.weight(feature)
            let points = totalWeight > 0 ? 100 * weight * raw / totalWeight : 0
            sum += points
            contributions.append(FeatureContribution(feature: feature, raw: raw, weight: weight, contribution: rounded(points)))
        }
        return ScoreBreakdown(policyVersion: policy.version, contributions: contributions, score: rounded(sum))
    }

    /// Rounds to 4 decimals so scores print exactly and compare as printed.
    static func rounded(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }

    static func rawValue(_ feature: ScoringFeature, _ candidate: CandidateProfile, _ vacancy: VacancyProfile, _ policy: Policy) -> Double {
        switch feature {
        case .specialtyFit:
            guard !vacancy.requiredSpecialties.isEmpty else { return 1 }
            return Double((Eligibility.bestAcceptedFit(candidate, vacancy) ?? .none).rawValue) / 3
        case .educationAboveMinimum:
            let minimum = vacancy.minimumEducation?.rank ?? 0
            let span = EducationLevel.allCases.count - 1 - minimum
            return span > 0 ? Double(max(0, candidate.education.rank - minimum)) / Double(span) : 0
        case .titleAboveMinimum:
            let minimum = vacancy.minimumTitle?.rank ?? 0
            let span = ProfessionalTitle.allCases.count - 1 - minimum
            return span > 0 ? Double(max(0, candidate.title.rank - minimum)) / Double(span) : 0
        case .experience:
            return Double(min(candidate.yearsOfExperience, policy.experienceCap)) / Double(policy.experienceCap)
        case .nativePlace:
            return nativePlace(candidate.householdRegistration?.region, vacancy.region)
        case .programmeBackground:
            return candidate.programmes.isEmpty ? 0 : 1
        case .hardshipWillingness:
            return vacancy.hardshipCategory != nil && candidate.acceptsHardshipAreas ? 1 : 0
        }
    }

    /// 1 for the same county, 2/3 same prefecture, 1/3 same province, else 0.
    static func nativePlace(_ registration: RegionCode?, _ post: RegionCode?) -> Double {
        guard let registration, let post else { return 0 }
        let home = registration.padded
        let there = post.padded
        if home == there { return 1 }
        if home.prefix(4) == there.prefix(4) { return 2.0 / 3 }
        if home.prefix(2) == there.prefix(2) { return 1.0 / 3 }
        return 0
    }
}
