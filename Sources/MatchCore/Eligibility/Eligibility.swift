/// The hard rules that decide whether a candidate may be considered for a vacancy at all.
/// Every failed rule is reported, not just the first, so a candidate sees all they lack.
public enum Eligibility {
    public static func reasons(_ candidate: CandidateProfile, for vacancy: VacancyProfile) -> [IneligibilityReason] {
        var reasons: [IneligibilityReason] = []
        if !vacancy.requiredSpecialties.isEmpty, bestAcceptedFit(candidate, vacancy) == nil {
            reasons.append(.specialtyMismatch(required: vacancy.requiredSpecialties))
        }
        if let minimum = vacancy.minimumEducation, candidate.education < minimum {
            reasons.append(.educationBelowMinimum(required: minimum, actual: candidate.education))
        }
        if let minimum = vacancy.minimumTitle, candidate.title < minimum {
            reasons.append(.titleBelowMinimum(required: minimum, actual: candidate.title))
        }
        if candidate.yearsOfExperience < vacancy.minimumExperience {
            reasons.append(.experienceBelowMinimum(required: vacancy.minimumExperience, actual: candidate.yearsOfExperience))
        }
        // A candidate who accepts only flexible modes never fits a full-transfer-only post.
        if vacancy.acceptedModes.isDisjoint(with: candidate.acceptedModes) {
            reasons.append(.noCommonIntroductionMode(vacancy: vacancy.acceptedModes, candidate: candidate.acceptedModes))
        }
        for rule in vacancy.householdRules where !rule.admits(candidate.householdRegistration?.region) {
            reasons.append(.householdRegistration(rule: rule, actual: candidate.householdRegistration?.region))
        }
        return reasons
    }

    /// The best rung of fit among the candidate's specialties that some requirement accepts.
    public static func bestAcceptedFit(_ candidate: CandidateProfile, _ vacancy: VacancyProfile) -> SpecialtyFit? {
        var best: SpecialtyFit?
        for requirement in vacancy.requiredSpecialties {
            for specialty in candidate.specialties {
                let fit = specialty.fit(to: requirement.code)
                if requirement.accepted.contains(fit), fit > (best ?? .none) { best = fit }
            }
        }
        return best
    }
}
