/// Explains a matching candidate by candidate. Exact for score priorities: each candidate
/// gets the best vacancy on their list whose cutoff they clear and whose region's cap is
/// not reached; everything above it is explained by "full", "region cap" or "not eligible".
/// In a market every post's standing is under its own office's policy, which is named.
public struct Explainer: Sendable {
    public let instance: MatchInstance
    public let assignment: [Int32]
    public let assessment: PairAssessment?
    private let ranks: RankTable
    /// Per vacancy: holders and the worst holder's rank (-1 when empty).
    private let load: [Int32]
    private let worst: [Int32]
    private let placedInRegion: [Int]
    private let coupleOf: [Int32]

    public init(instance: MatchInstance, assignment: [Int32], assessment: PairAssessment? = nil) {
        self.instance = instance
        self.assignment = assignment
        self.assessment = assessment
        let ranks = RankTable(instance)
        self.ranks = ranks
        let coupleOf = instance.coupleIndexByCandidate()
        self.coupleOf = coupleOf
        var load = [Int32](repeating: 0, count: instance.vacancyCount)
        var worst = [Int32](repeating: -1, count: instance.vacancyCount)
        var placed = [Int](repeating: 0, count: instance.regions.count)
        for candidate in 0..<instance.candidateCount {
            let vacancy = Int(assignment[candidate])
            guard vacancy >= 0 else { continue }
            load[vacancy] += 1
            let rank = Self.rank(of: candidate, at: vacancy, instance: instance, ranks: ranks, couple: Int(coupleOf[candidate]))
            worst[vacancy] = max(worst[vacancy], rank)
            for region in instance.hierarchy.enclosingRegions(ofVacancy: vacancy) { placed[region] += 1 }
        }
        self.load = load
        self.worst = worst
        placedInRegion = placed
    }

    /// The cutoff of every vacancy: lowest admitted priority, or open while seats are free.
    public func cutoff(_ vacancy: Int) -> Cutoff {
        guard load[vacancy] >= instance.capacities[vacancy], worst[vacancy] >= 0 else { return .open }
        return standing(rank: Int(worst[vacancy]), at: vacancy)
    }

    public func explain(_ candidate: Int) -> CandidateExplanation {
        let assigned = Int(assignment[candidate])
        var passed: [CandidateExplanation.Passed] = []
        for (vacancy, rank) in rankedAbove(candidate) {
            let policy = assessment.flatMap { $0.policies.isMarket ? $0.policy(ofVacancy: vacancy).version : nil }
            passed.append(.init(vacancy: vacancy, reason: reason(candidate, vacancy, rank: rank), cutoff: cutoff(vacancy), policy: policy))
        }
        var explanation = CandidateExplanation(
            candidate: candidate, vacancy: assigned, standing: nil, breakdown: nil, admittedBy: [], rankedAbove: passed
        )
        if assigned >= 0 {
            let rank = Self.rank(of: candidate, at: assigned, instance: instance, ranks: ranks, couple: Int(coupleOf[candidate]))
            if rank >= 0 { explanation.standing = standing(rank: Int(rank), at: assigned) }
            if let assessment {
                explanation.breakdown = assessment.breakdown(candidate: candidate, vacancy: assigned)
                explanation.admittedBy = AdmissionRules.passed(assessment.candidates[candidate], assessment.vacancies[assigned])
            }
        }
        return explanation
    }

    /// Vacancies the candidate (or their couple, in their own slot) ranked above what they got.
    private func rankedAbove(_ candidate: Int) -> [(Int, Int32)] {
        let assigned = assignment[candidate]
        let couple = Int(coupleOf[candidate])
        if couple >= 0 {
            let spec = instance.couples[couple]
            let isFirst = spec.first == Int32(candidate)
            let current = spec.choices.firstIndex {
                $0.first == assignment[Int(spec.first)] && $0.second == assignment[Int(spec.second)]
            } ?? spec.choices.count
            let base = ranks.coupleStart[couple]
            return (0..<current).compactMap { position in
                let vacancy = isFirst ? spec.choices[position].first : spec.choices[position].second
                guard vacancy >= 0, vacancy != assigned else { return nil }
                return (Int(vacancy), ranks.coupleRank[base + 2 * position + (isFirst ? 0 : 1)])
            }
        }
        var result: [(Int, Int32)] = []
        for index in instance.choices.range(of: candidate) {
            let vacancy = instance.choices.items[index]
            if vacancy == assigned { break }
            result.append((Int(vacancy), ranks.choiceRank(index)))
        }
        return result
    }

    private func reason(_ candidate: Int, _ vacancy: Int, rank: Int32) -> RejectionReason {
        guard rank >= 0 else {
            return .notEligible(reasons: assessment?.reasons(candidate: candidate, vacancy: vacancy) ?? [])
        }
        if load[vacancy] >= instance.capacities[vacancy], rank > worst[vacancy] {
            return .full(cutoff: cutoff(vacancy), yours: standing(rank: Int(rank), at: vacancy))
        }
        if load[vacancy] < instance.capacities[vacancy] {
            for region in instance.hierarchy.enclosingRegions(ofVacancy: vacancy) {
                if let cap = instance.regions[region].cap, placedInRegion[region] >= cap {
                    return .regionCapReached(region: instance.regions[region].code)
                }
            }
        }
        return .notAdmitted
    }

    private func standing(rank: Int, at vacancy: Int) -> Cutoff {
        let index = instance.priorities.range(of: vacancy).lowerBound + rank
        if let score = instance.score(atPriorityIndex: index) { return .score(score) }
        return .rank(rank + 1)
    }

    /// Rank of a candidate at a vacancy they were considered for, or -1.
    private static func rank(of candidate: Int, at vacancy: Int, instance: MatchInstance, ranks: RankTable, couple: Int) -> Int32 {
        for index in instance.choices.range(of: candidate) where Int(instance.choices.items[index]) == vacancy {
            return ranks.choiceRank(index)
        }
        if couple >= 0 {
            let spec = instance.couples[couple]
            let isFirst = spec.first == Int32(candidate)
            for (position, pair) in spec.choices.enumerated() where Int(isFirst ? pair.first : pair.second) == vacancy {
                return ranks.coupleRank[ranks.coupleStart[couple] + 2 * position + (isFirst ? 0 : 1)]
            }
        }
        return -1
    }
}
