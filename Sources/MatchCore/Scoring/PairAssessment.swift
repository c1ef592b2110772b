/// Profiles and the policies behind an instance's priorities, kept so explanations can show
/// which rules admitted or excluded a candidate and how their score was made up, under the
/// policy of the vacancy's own office.
public struct PairAssessment: Sendable {
    public let candidates: [CandidateProfile]
    public let vacancies: [VacancyProfile]
    public let policies: VacancyPolicies

    public init(candidates: [CandidateProfile], vacancies: [VacancyProfile], policy: Policy) {
        self.init(candidates: candidates, vacancies: vacancies, policies: VacancyPolicies(policy))
    }

    /// - Precondition: `policies` names a policy for each of `vacancies` (or one for all).
    public init(candidates: [CandidateProfile], vacancies: [VacancyProfile], policies: VacancyPolicies) {
        precondition(policies.fits(vacancyCount: vacancies.count), "one policy per vacancy, or one for all")
        self.candidates = candidates
        self.vacancies = vacancies
        self.policies = policies
    }

    /// The policy that scores applicants at `vacancy`.
    public func policy(ofVacancy vacancy: Int) -> Policy {
        policies.policy(ofVacancy: vacancy)
    }

    public func reasons(candidate: Int, vacancy: Int) -> [IneligibilityReason] {
        Eligibility.reasons(candidates[candidate], for: vacancies[vacancy])
    }

    public func breakdown(candidate: Int, vacancy: Int) -> ScoreBreakdown {
        Scorer.score(candidates[candidate], for: vacancies[vacancy], policy: policy(ofVacancy: vacancy))
    }

    /// Vacancy-side priorities for every pair a candidate (or couple member) ranked: eligible
    /// candidates ordered by score, higher first, ties by the lottery. Computed by
    /// `PriorityBuilder` without allocating per pair; identical to `referencePriorities`.
    /// - Precondition: `choices` and couples index these profiles.
    public func priorities(choices: IndexLists, couples: [Couple], lottery: Lottery) -> (priorities: IndexLists, scores: [Double]) {
        PriorityBuilder(assessment: self, lottery: lottery).build(choices: choices, couples: couples)
    }
}
