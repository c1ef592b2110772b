/// Profiles and the policy behind an instance's priorities, kept so explanations can show
/// which rules admitted or excluded a candidate and how their score was made up.
public struct PairAssessment: Sendable {
    public let candidates: [CandidateProfile]
    public let vacancies: [VacancyProfile]
    public let policy: Policy

    public init(candidates: [CandidateProfile], vacancies: [VacancyProfile], policy: Policy) {
        self.candidates = candidates
        self.vacancies = vacancies
        self.policy = policy
    }

    public func reasons(candidate: Int, vacancy: Int) -> [IneligibilityReason] {
        Eligibility.reasons(candidates[candidate], for: vacancies[vacancy])
    }

    public func breakdown(candidate: Int, vacancy: Int) -> ScoreBreakdown {
        Scorer.score(candidates[candidate], for: vacancies[vacancy], policy: policy)
    }

    /// Vacancy-side priorities for every pair a candidate (or couple member) ranked: eligible
    /// candidates ordered by score, higher first, ties by the lottery. Computed by
    /// `PriorityBuilder` without allocating per pair; identical to `referencePriorities`.
    /// - Precondition: `choices` and couples index these profiles.
    public func priorities(choices: IndexLists, couples: [Couple], lottery: Lottery) -> (priorities: IndexLists, scores: [Double]) {
        PriorityBuilder(assessment: self, lottery: lottery).build(choices: choices, couples: couples)
    }
}
