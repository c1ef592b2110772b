/// Builds a solver instance from domain profiles and a policy: the entry point for callers
/// that hold profiles in memory (the nightly job).
public enum ProfileMatching {
    /// A couple's request by ids: a joint ranking of vacancy pairs, nil leaving a member out.
    public struct CoupleRequest: Sendable, Equatable {
        public var first: String
        public var second: String
        public var ranking: [[String?]]

        public init(first: String, second: String, ranking: [[String?]]) {
            self.first = first
            self.second = second
            self.ranking = ranking
        }
    }

    /// - Throws: `InputError` with pointers into the equivalent instance document.
    public static func instance(
        candidates: [CandidateProfile], vacancies: [VacancyProfile], policy: Policy,
        regions: [RegionConstraint] = [], couples: [CoupleRequest] = [], seed: UInt64
    ) throws(InputError) -> InstanceDocument {
        var vacancyIndex: [String: Int32] = [:]
        for (index, vacancy) in vacancies.enumerated() {
            guard vacancyIndex.updateValue(Int32(index), forKey: vacancy.id) == nil else {
                throw InputError("/vacancies/\(index)/id", "duplicate vacancy id '\(vacancy.id)'")
            }
        }
        var candidateIndex: [String: Int32] = [:]
        for (index, candidate) in candidates.enumerated() {
            guard candidateIndex.updateValue(Int32(index), forKey: candidate.id) == nil else {
                throw InputError("/candidates/\(index)/id", "duplicate candidate id '\(candidate.id)'")
            }
        }
        var choices = IndexLists()
        for (index, candidate) in candidates.enumerated() {
            var list: [Int32] = []
            for (position, id) in candidate.ranking.enumerated() {
                guard let vacancy = vacancyIndex[id] else {
                    throw InputError("/candidates/\(index)/ranking/\(position)", "unknown vacancy id '\(id)'")
                }
                list.append(vacancy)
            }
            choices.append(contentsOf: list)
        }
        let coupleList = try resolve(couples, candidateIndex: candidateIndex, vacancyIndex: vacancyIndex)
        let assessment = PairAssessment(candidates: candidates, vacancies: vacancies, policy: policy)
        let derived = assessment.priorities(
            choices: choices, couples: coupleList, lottery: Lottery(seed: seed, candidateCount: candidates.count)
        )
        let instance = try MatchInstance(
            candidateIDs: candidates.map(\.id), vacancyIDs: vacancies.map(\.id), choices: choices,
            priorities: derived.priorities, priorityScores: derived.scores,
            capacities: vacancies.map { Int32(clamping: $0.seats) }, targets: vacancies.map { Int32(clamping: $0.target) },
            vacancyRegions: vacancies.map(\.region), regions: regions, couples: coupleList, seed: seed
        )
        return InstanceDocument(instance: instance, assessment: assessment)
    }

    private static func resolve(
        _ couples: [CoupleRequest], candidateIndex: [String: Int32], vacancyIndex: [String: Int32]
    ) throws(InputError) -> [Couple] {
        var result: [Couple] = []
        for (index, couple) in couples.enumerated() {
            var members: [Int32] = []
            for (slot, id) in [couple.first, couple.second].enumerated() {
                guard let member = candidateIndex[id] else {
                    throw InputError("/couples/\(index)/members/\(slot)", "unknown candidate id '\(id)'")
                }
                members.append(member)
            }
            guard members[0] != members[1] else { throw InputError("/couples/\(index)/members/1", "a couple has two different members") }
            var pairs: [CouplePair] = []
            for (position, pair) in couple.ranking.enumerated() {
                guard pair.count == 2, pair[0] != nil || pair[1] != nil else {
                    throw InputError("/couples/\(index)/ranking/\(position)", "a pair lists two vacancies, at most one of them null")
                }
                var slots: [Int32] = []
                for (slot, id) in pair.enumerated() {
                    guard let id else { slots.append(CouplePair.none); continue }
                    guard let vacancy = vacancyIndex[id] else {
                        throw InputError("/couples/\(index)/ranking/\(position)/\(slot)", "unknown vacancy id '\(id)'")
                    }
                    slots.append(vacancy)
                }
                pairs.append(CouplePair(first: slots[0], second: slots[1]))
            }
            result.append(Couple(first: members[0], second: members[1], choices: pairs))
        }
        return result
    }
}
