/// Profiles and a policy compiled to flat integer tables, so that deciding a pair's
/// eligibility and score allocates nothing and touches no `String`, `Set` or `Dictionary`:
/// the nightly job does this for tens of millions of ranked pairs (ADR 0014).
///
/// It answers exactly as `Eligibility.reasons(…).isEmpty` and `Scorer.score(…).score` do,
/// bit for bit (checked by property tests); those stay the path for explanations.
struct PairTable: Sendable {
    let candidates: [CandidateTraits]
    let vacancies: [VacancyTraits]
    /// Candidates' specialties as `SpecialtyKey.number`s, candidate after candidate.
    let specialties: [Int32]
    let requirements: [SpecialtyKey]
    let rules: [RegionPrefix]
    let points: PointTables

    init(candidates: [CandidateProfile], vacancies: [VacancyProfile], policy: Policy) {
        let points = PointTables(policy: policy)
        var specialties: [Int32] = []
        self.candidates = candidates.map { Self.traits($0, points: points, specialties: &specialties) }
        var requirements: [SpecialtyKey] = []
        var rules: [RegionPrefix] = []
        self.vacancies = vacancies.map { Self.traits($0, requirements: &requirements, rules: &rules) }
        self.specialties = specialties
        self.requirements = requirements
        self.rules = rules
        self.points = points
    }

    /// The pair's score times 10,000 after `Scorer.rounded`'s rounding (so the score is this
    /// value / 10,000), or nil when the candidate is not eligible.
    /// - Precondition: both indices are in range.
    @inline(__always)
    func scaledScore(candidate: Int, vacancy: Int) -> Double? {
        let person = candidates[candidate]
        let post = vacancies[vacancy]
        guard person.education >= post.minimumEducation, person.title >= post.minimumTitle,
              person.yearsOfExperience >= post.minimumExperience, person.modes & post.modes != 0 else { return nil }
        var fit = 3
        if post.requirementEnd > post.requirementStart {
            fit = bestAcceptedFit(person, post)
            guard fit > 0 else { return nil }
        }
        var rule = Int(post.ruleStart)
        while rule < Int(post.ruleEnd) {
            guard person.hasRegistration, rules[rule].contains(person.registration) else { return nil }
            rule += 1
        }
        var sum = 0.0
        sum += points.specialty[fit]
        sum += points.education[Int(post.minimumEducation) * PointTables.educationLevels + Int(person.education)]
        sum += points.title[Int(post.minimumTitle) * PointTables.titleLevels + Int(person.title)]
        sum += person.experiencePoints
        sum += points.nativePlace[Self.nativePlace(person.registrationCounty, post.county)]
        sum += points.programme[Int(person.programme)]
        sum += points.hardship[Int(person.acceptsHardship & post.hardship)]
        return (sum * 10_000).rounded()
    }

    /// The pair's score as `Scorer.score(…).score` gives it, or nil when not eligible.
    func score(candidate: Int, vacancy: Int) -> Double? {
        scaledScore(candidate: candidate, vacancy: vacancy).map { $0 / 10_000 }
    }

    /// `Eligibility.bestAcceptedFit` as a rung number, 0 for none.
    @inline(__always)
    private func bestAcceptedFit(_ person: CandidateTraits, _ post: VacancyTraits) -> Int {
        var best = 0
        for index in Int(post.requirementStart)..<Int(post.requirementEnd) {
            let requirement = requirements[index]
            for specialty in Int(person.specialtyStart)..<Int(person.specialtyEnd) {
                let fit = SpecialtyKey.fit(specialties[specialty], requirement.code)
                if fit > best, requirement.accepted & (1 << UInt8(fit)) != 0 { best = fit }
            }
        }
        return best
    }

    /// `Scorer.nativePlace` as an index: 3 same county, 2 prefecture, 1 province, 0.
    @inline(__always)
    private static func nativePlace(_ home: Int32, _ post: Int32) -> Int {
        guard home >= 0, post >= 0 else { return 0 }
        if home == post { return 3 }
        if home / 100 == post / 100 { return 2 }
        return home / 10_000 == post / 10_000 ? 1 : 0
    }
}
