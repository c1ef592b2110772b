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
    /// candidates ordered by score, higher first, ties by the lottery.
    /// - Precondition: `choices` and couples index these profiles.
    public func priorities(choices: IndexLists, couples: [Couple], lottery: Lottery) -> (priorities: IndexLists, scores: [Double]) {
        var lists = [[(candidate: Int32, score: Double)]](repeating: [], count: vacancies.count)
        // All of one candidate's pairs are considered together, so a stamp per vacancy
        // is enough to skip repeats (a couple member may list a vacancy in several pairs).
        var stamp = [Int32](repeating: -1, count: vacancies.count)
        func consider(_ candidate: Int32, _ vacancy: Int32) {
            let (c, v) = (Int(candidate), Int(vacancy))
            guard stamp[v] != candidate else { return }
            stamp[v] = candidate
            guard Eligibility.reasons(candidates[c], for: vacancies[v]).isEmpty else { return }
            lists[v].append((candidate, Scorer.score(candidates[c], for: vacancies[v], policy: policy).score))
        }
        for candidate in 0..<choices.count {
            for vacancy in choices[candidate] { consider(Int32(candidate), vacancy) }
        }
        for couple in couples {
            for pair in couple.choices where pair.first >= 0 { consider(couple.first, pair.first) }
            for pair in couple.choices where pair.second >= 0 { consider(couple.second, pair.second) }
        }
        var result = IndexLists()
        var scores: [Double] = []
        for var list in lists {
            list.sort { $0.score != $1.score ? $0.score > $1.score : lottery.numbers[Int($0.candidate)] < lottery.numbers[Int($1.candidate)] }
            result.append(contentsOf: list.map(\.candidate))
            scores.append(contentsOf: list.map(\.score))
        }
        return (result, scores)
    }
}
