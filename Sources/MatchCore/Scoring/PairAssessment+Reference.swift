extension PairAssessment {
    /// The straightforward priorities: `Eligibility.reasons` and `Scorer.score` per pair,
    /// one array per vacancy, sorted by `precedes`. Kept as the reference that the fast path
    /// (`PriorityBuilder`) must reproduce exactly, and for tests.
    /// - Precondition: `choices` and couples index these profiles.
    func referencePriorities(choices: IndexLists, couples: [Couple], lottery: Lottery) -> (priorities: IndexLists, scores: [Double]) {
        var lists = [[(candidate: Int32, score: Double)]](repeating: [], count: vacancies.count)
        // All of one candidate's pairs are considered together, so a stamp per vacancy
        // is enough to skip repeats (a couple member may list a vacancy in several pairs).
        var stamp = [Int32](repeating: -1, count: vacancies.count)
        func consider(_ candidate: Int32, _ vacancy: Int32) {
            let (c, v) = (Int(candidate), Int(vacancy))
            guard stamp[v] != candidate else { return }
            stamp[v] = candidate
            guard Eligibility.reasons(candidates[c], for: vacancies[v]).isEmpty else { return }
            lists[v].append((candidate, breakdown(candidate: c, vacancy: v).score))
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
            Self.order(&list, lottery: lottery)
            result.append(contentsOf: list.map(\.candidate))
            scores.append(contentsOf: list.map(\.score))
        }
        return (result, scores)
    }

    /// Sorts one vacancy's eligible candidates: higher score first, ties by lower lottery
    /// number. With NaN scores (only possible with weights whose sum overflows) this is not
    /// a strict order, so the fast path hands such vacancies here instead of guessing.
    static func order(_ list: inout [(candidate: Int32, score: Double)], lottery: Lottery) {
        list.sort { $0.score != $1.score ? $0.score > $1.score : lottery.numbers[Int($0.candidate)] < lottery.numbers[Int($1.candidate)] }
    }
}
