/// Profiles and their policies compiled to flat integer tables, so that deciding a pair's
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
    /// Vacancies' requirements beyond the first two, and household rules (`VacancyExtras`).
    let requirements: [SpecialtyKey]
    let rules: [RuleTraits]
    let extras: [VacancyExtras]
    let points: PointTables

    init(candidates: [CandidateProfile], vacancies: [VacancyProfile], policy: Policy) {
        self.init(candidates: candidates, vacancies: vacancies, policies: VacancyPolicies(policy))
    }

    /// - Parameter policies: the policies and each vacancy's policy (`VacancyPolicies`).
    init(candidates: [CandidateProfile], vacancies: [VacancyProfile], policies: VacancyPolicies) {
        let points = PointTables(policies: policies.policies, longestCareer: candidates.reduce(0) { max($0, $1.yearsOfExperience) })
        var specialties: [Int32] = []
        specialties.reserveCapacity(candidates.count)
        self.candidates = candidates.map { Self.traits($0, points: points, specialties: &specialties) }
        var requirements: [SpecialtyKey] = []
        var rules: [RuleTraits] = []
        var extras: [VacancyExtras] = []
        self.vacancies = vacancies.indices.map { index in
            Self.traits(vacancies[index], policy: policies.policyIndex(ofVacancy: index), requirements: &requirements, rules: &rules, extras: &extras)
        }
        self.specialties = specialties
        self.requirements = requirements
        self.rules = rules
        self.extras = extras
        self.points = points
    }

    /// The pair's score times 10,000 after `Scorer.rounded`'s rounding (so the score is this
    /// value / 10,000), or nil when the candidate is not eligible.
    @inline(__always)
    func scaledScore(_ person: CandidateTraits, _ post: VacancyTraits) -> Double? {
        guard person.education >= post.minimumEducation, person.title >= post.minimumTitle,
              person.yearsOfExperience >= post.minimumExperience, person.modes & post.modes != 0 else { return nil }
        var fit = 3
        if post.inlineRequirements > 0 {
            fit = bestAcceptedFit(person, post)
            guard fit > 0 else { return nil }
        }
        if post.extra >= 0, !satisfiesRules(person, extras[Int(post.extra)]) { return nil }
        // The vacancy's policy picks its stretch of each table (always 0 with one policy).
        let policy = Int(post.policy)
        let (levels, titles) = (PointTables.educationLevels, PointTables.titleLevels)
        var sum = 0.0
        sum += points.specialty[policy &* 4 &+ fit]
        sum += points.education[(policy &* levels &+ Int(post.minimumEducation)) &* levels &+ Int(person.education)]
        sum += points.title[(policy &* titles &+ Int(post.minimumTitle)) &* titles &+ Int(person.title)]
        sum += points.hasOnePolicy ? person.experiencePoints : points.experience(policy: policy, years: person.yearsOfExperience)
        sum += points.nativePlace[policy &* 4 &+ Self.nativePlace(person.registrationCounty, post.county)]
        sum += points.programme[policy &* 2 &+ Int(person.programme)]
        sum += points.hardship[policy &* 2 &+ Int(person.acceptsHardship & post.hardship)]
        return (sum * 10_000).rounded()
    }

    /// The pair's score as `Scorer.score(…).score` gives it, or nil when not eligible.
    /// - Precondition: both indices are in range.
    func score(candidate: Int, vacancy: Int) -> Double? {
        scaledScore(candidates[candidate], vacancies[vacancy]).map { $0 / 10_000 }
    }

    /// `Eligibility.bestAcceptedFit` as a rung number, 0 for none.
    @inline(__always)
    private func bestAcceptedFit(_ person: CandidateTraits, _ post: VacancyTraits) -> Int {
        var best = 0
        func consider(_ specialty: Int32, _ code: Int32, _ accepted: UInt8) {
            let fit = SpecialtyKey.fit(specialty, code)
            if fit > best, accepted & (1 << UInt8(fit)) != 0 { best = fit }
        }
        for index in Int(person.specialtyStart)..<Int(person.specialtyEnd) {
            let specialty = specialties[index]
            consider(specialty, post.firstCode, post.firstAccepted)
            if post.inlineRequirements > 1 { consider(specialty, post.secondCode, post.secondAccepted) }
        }
        if post.extra >= 0 {
            let extra = extras[Int(post.extra)]
            for requirement in requirements[Int(extra.requirementStart)..<Int(extra.requirementEnd)] {
                for index in Int(person.specialtyStart)..<Int(person.specialtyEnd) {
                    consider(specialties[index], requirement.code, requirement.accepted)
                }
            }
        }
        return best
    }

    /// Every household rule admits the candidate's registration (none without one):
    /// `HouseholdRegistrationRule.admits`.
    private func satisfiesRules(_ person: CandidateTraits, _ extra: VacancyExtras) -> Bool {
        for rule in rules[Int(extra.ruleStart)..<Int(extra.ruleEnd)] {
            guard person.hasRegistration, rule.region.contains(person.registration) == rule.within else { return false }
        }
        return true
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
