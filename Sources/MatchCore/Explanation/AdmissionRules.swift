/// The hard rules a candidate met at their vacancy, in words, for the 公示 of an offer.
enum AdmissionRules {
    static func passed(_ candidate: CandidateProfile, _ vacancy: VacancyProfile) -> [String] {
        var rules: [String] = []
        if let fit = Eligibility.bestAcceptedFit(candidate, vacancy) {
            rules.append("specialty fit: \(fitName(fit))")
        } else if vacancy.requiredSpecialties.isEmpty {
            rules.append("specialty: no requirement")
        }
        if let minimum = vacancy.minimumEducation {
            rules.append("education \(candidate.education.rawValue) meets the minimum \(minimum.rawValue)")
        }
        if let minimum = vacancy.minimumTitle {
            rules.append("title \(candidate.title.rawValue) meets the minimum \(minimum.rawValue)")
        }
        if vacancy.minimumExperience > 0 {
            rules.append("\(candidate.yearsOfExperience) years of experience, \(vacancy.minimumExperience) required")
        }
        let common = vacancy.acceptedModes.intersection(candidate.acceptedModes).map(\.rawValue).sorted()
        rules.append("introduction mode: \(common.joined(separator: ", "))")
        for rule in vacancy.householdRules {
            rules.append("household registration inside \(rule.region), as required by: \(rule.legalBasis)")
        }
        return rules
    }

    private static func fitName(_ fit: SpecialtyFit) -> String {
        switch fit {
        case .sameCode: "same code"
        case .sameClass: "same class"
        case .sameDiscipline: "same discipline"
        case .none: "none"
        }
    }
}
