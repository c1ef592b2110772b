/// Builds a solver instance from domain profiles and a policy (or one policy per office in a
/// market): the entry point for callers that hold profiles in memory (the nightly job).
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

    /// - Parameter rankingPositions: each candidate's ranking as positions in `vacancies`,
    ///   for callers that already hold them (the nightly job reads them from the database);
    ///   when given, the profiles' `ranking` ids are not read.
    /// - Throws: `InputError` with pointers into the equivalent instance document.
    public static func instance(
        candidates: [CandidateProfile], vacancies: [VacancyProfile], policy: Policy,
        regions: [RegionConstraint] = [], couples: [CoupleRequest] = [], seed: UInt64,
        rankingPositions: [[Int32]]? = nil
    ) throws(InputError) -> InstanceDocument {
        try instance(
            candidates: candidates, vacancies: vacancies, policies: VacancyPolicies(policy), regions: regions, couples: couples,
            seed: seed, rankingPositions: rankingPositions
        )
    }

    /// The same with a policy per vacancy: in a market, each vacancy's applicants are ordered by
    /// its own office's policy.
    /// - Throws: `InputError` as above, and at `/vacancies` when `policies` does not name one
    ///   policy per vacancy.
    public static func instance(
        candidates: [CandidateProfile], vacancies: [VacancyProfile], policies: VacancyPolicies,
        regions: [RegionConstraint] = [], couples: [CoupleRequest] = [], seed: UInt64,
        rankingPositions: [[Int32]]? = nil
    ) throws(InputError) -> InstanceDocument {
        guard policies.fits(vacancyCount: vacancies.count) else {
            throw InputError("/vacancies", "\(policies.vacancyPolicy.count) policy references for \(vacancies.count) vacancies")
        }
        let vacancyIDs = vacancies.map(\.id)
        var vacancyIndex = ProfileIdentifiers(vacancyIDs)
        if let index = vacancyIndex.firstDuplicate {
            throw InputError("/vacancies/\(index)/id", "duplicate vacancy id '\(vacancyIDs[index])'")
        }
        let candidateIDs = candidates.map(\.id)
        var candidateIndex = ProfileIdentifiers(candidateIDs)
        if let index = candidateIndex.firstDuplicate {
            throw InputError("/candidates/\(index)/id", "duplicate candidate id '\(candidateIDs[index])'")
        }
        let choices: IndexLists
        if let rankingPositions {
            choices = try checkPositions(rankingPositions, candidates: candidates.count, vacancies: vacancies.count)
        } else {
            choices = try resolveRankings(candidates, vacancyIndex: &vacancyIndex)
        }
        let coupleList = try resolve(couples, candidateIndex: &candidateIndex, vacancyIndex: &vacancyIndex)
        let assessment = PairAssessment(candidates: candidates, vacancies: vacancies, policies: policies)
        let derived = assessment.priorities(
            choices: choices, couples: coupleList, lottery: Lottery(seed: seed, candidateCount: candidates.count)
        )
        let instance = try MatchInstance(
            candidateIDs: candidateIDs, vacancyIDs: vacancyIDs, choices: choices,
            priorities: derived.priorities, priorityScores: derived.scores,
            capacities: vacancies.map { Int32(clamping: $0.seats) }, targets: vacancies.map { Int32(clamping: $0.target) },
            vacancyRegions: vacancies.map(\.region), regions: regions, couples: coupleList, seed: seed
        )
        return InstanceDocument(instance: instance, assessment: assessment)
    }

    private static func checkPositions(
        _ positions: [[Int32]], candidates: Int, vacancies: Int
    ) throws(InputError) -> IndexLists {
        guard positions.count == candidates else {
            throw InputError("/candidates", "\(positions.count) rankings for \(candidates) candidates")
        }
        for (candidate, ranking) in positions.enumerated() {
            if let position = ranking.firstIndex(where: { $0 < 0 || Int($0) >= vacancies }) {
                throw InputError("/candidates/\(candidate)/ranking/\(position)", "no vacancy at position \(ranking[position])")
            }
        }
        return IndexLists(positions)
    }

    /// Every ranking as vacancy positions, in one flat list.
    private static func resolveRankings(
        _ candidates: [CandidateProfile], vacancyIndex: inout ProfileIdentifiers
    ) throws(InputError) -> IndexLists {
        var starts: [Int32] = [0]
        starts.reserveCapacity(candidates.count + 1)
        var items: [Int32] = []
        items.reserveCapacity(candidates.reduce(0) { $0 + $1.ranking.count })
        var scratch: [ProfileIdentifiers.Digest] = []
        for (index, candidate) in candidates.enumerated() {
            if let position = vacancyIndex.append(positionsOf: candidate.ranking, to: &items, scratch: &scratch) {
                throw InputError("/candidates/\(index)/ranking/\(position)", "unknown vacancy id '\(candidate.ranking[position])'")
            }
            precondition(items.count <= Int(Int32.max), "at most 2^31 − 1 ranking entries")
            starts.append(Int32(items.count))
        }
        return IndexLists(starts: starts, items: items)
    }

    private static func resolve(
        _ couples: [CoupleRequest], candidateIndex: inout ProfileIdentifiers, vacancyIndex: inout ProfileIdentifiers
    ) throws(InputError) -> [Couple] {
        var result: [Couple] = []
        for (index, couple) in couples.enumerated() {
            var members: [Int32] = []
            for (slot, id) in [couple.first, couple.second].enumerated() {
                guard let member = candidateIndex.index(of: id) else {
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
                    guard let vacancy = vacancyIndex.index(of: id) else {
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
