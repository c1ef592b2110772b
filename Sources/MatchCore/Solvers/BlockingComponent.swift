/// The part of a market that the blocking pairs left involve, as a market of its own
/// (ADR 0039): the agents of those pairs, closed under "finds a vacancy of the part
/// acceptable" and "is found acceptable by an agent of the part", with every vacancy of a
/// capped region tree once one of its vacancies is in.
///
/// No agent outside the part finds a vacancy inside acceptable, and no agent inside finds one
/// outside acceptable, so the two parts are independent markets: a matching is stable exactly
/// when both parts are, and the part can be re-solved alone while the rest stays as it is.
struct BlockingComponent {
    /// Candidates and vacancies of the part, in increasing index order.
    let candidates: [Int]
    let vacancies: [Int]
    /// The part as an instance of its own (indices renumbered in the orders above).
    let instance: MatchInstance

    /// The part around the given agents, or nil when it grows past `limit` candidates.
    init?(around moves: [StabilityCheck.Move], of instance: MatchInstance, choice: RegionalChoice, limit: Int) {
        var closure = Closure(instance: instance, choice: choice, limit: limit)
        for move in moves {
            switch move {
            case let .single(candidate, _): closure.addCandidate(candidate)
            case let .couple(couple, _): closure.addCandidate(Int(instance.couples[couple].first))
            }
        }
        guard closure.grow() else { return nil }
        candidates = closure.candidates.sorted()
        vacancies = closure.vacancies.sorted()
        guard let part = try? Self.subInstance(of: instance, candidates: candidates, vacancies: vacancies) else { return nil }
        self.instance = part
    }

    /// Writes the part's assignment (in the part's numbering) into a full assignment.
    func merge(_ part: [Int32], into assignment: inout [Int32]) {
        for (index, candidate) in candidates.enumerated() {
            assignment[candidate] = part[index] < 0 ? -1 : Int32(vacancies[Int(part[index])])
        }
    }

    private static func subInstance(of instance: MatchInstance, candidates: [Int], vacancies: [Int]) throws(InputError) -> MatchInstance {
        var candidateIndex = [Int: Int32](minimumCapacity: candidates.count)
        for (index, candidate) in candidates.enumerated() { candidateIndex[candidate] = Int32(index) }
        var vacancyIndex = [Int: Int32](minimumCapacity: vacancies.count)
        for (index, vacancy) in vacancies.enumerated() { vacancyIndex[vacancy] = Int32(index) }
        // Entries outside the part are pairs nobody accepts both ways: dropping them changes nothing.
        let choices = candidates.map { instance.choices[$0].compactMap { vacancyIndex[Int($0)] } }
        let priorities = vacancies.map { instance.priorities[$0].compactMap { candidateIndex[Int($0)] } }
        var couples: [Couple] = []
        for couple in instance.couples {
            guard let first = candidateIndex[Int(couple.first)], let second = candidateIndex[Int(couple.second)] else { continue }
            let pairs = couple.choices.compactMap { pair -> CouplePair? in
                let mapped = [pair.first, pair.second].map { $0 == CouplePair.none ? CouplePair.none : vacancyIndex[Int($0)] }
                guard let one = mapped[0], let two = mapped[1] else { return nil }
                return CouplePair(first: one, second: two)
            }
            couples.append(Couple(first: first, second: second, choices: pairs))
        }
        return try MatchInstance(
            candidateIDs: candidates.map { instance.candidateIDs[$0] }, vacancyIDs: vacancies.map { instance.vacancyIDs[$0] },
            choices: IndexLists(choices), priorities: IndexLists(priorities),
            capacities: vacancies.map { instance.capacities[$0] }, targets: vacancies.map { instance.targets[$0] },
            vacancyRegions: vacancies.map { instance.vacancyRegions[$0] }, regions: instance.regions, couples: couples,
            seed: instance.seed
        )
    }
}

/// The closure behind `BlockingComponent`, grown breadth first.
private struct Closure {
    let instance: MatchInstance
    let choice: RegionalChoice
    let limit: Int
    let coupleOf: [Int32]
    var candidates: Set<Int> = []
    var vacancies: Set<Int> = []
    private var pendingCandidates: [Int] = []
    private var pendingVacancies: [Int] = []

    init(instance: MatchInstance, choice: RegionalChoice, limit: Int) {
        self.instance = instance
        self.choice = choice
        self.limit = limit
        coupleOf = instance.coupleIndexByCandidate()
    }

    /// Adds a candidate, with their partner if they are in a couple.
    mutating func addCandidate(_ candidate: Int) {
        let couple = Int(coupleOf[candidate])
        let members = couple < 0 ? [candidate] : [Int(instance.couples[couple].first), Int(instance.couples[couple].second)]
        for member in members where candidates.insert(member).inserted { pendingCandidates.append(member) }
    }

    private mutating func addVacancy(_ vacancy: Int) {
        guard vacancies.insert(vacancy).inserted else { return }
        pendingVacancies.append(vacancy)
        let tree = Int(choice.treeOfVacancy[vacancy])
        guard tree >= 0 else { return }
        for other in choice.trees[tree].vacancies.map(Int.init) where vacancies.insert(other).inserted {
            pendingVacancies.append(other)
        }
    }

    /// Grows to the closure; false once it has more than `limit` candidates.
    mutating func grow() -> Bool {
        while candidates.count <= limit {
            if let candidate = pendingCandidates.popLast() {
                for vacancy in acceptableVacancies(of: candidate) { addVacancy(vacancy) }
            } else if let vacancy = pendingVacancies.popLast() {
                for candidate in instance.priorities[vacancy].map(Int.init) where accepts(candidate, vacancy) {
                    addCandidate(candidate)
                }
            } else {
                return true
            }
        }
        return false
    }

    /// Vacancies the candidate (alone or in their couple's pairs) ranks.
    private func acceptableVacancies(of candidate: Int) -> [Int] {
        let couple = Int(coupleOf[candidate])
        guard couple >= 0 else { return instance.choices[candidate].map(Int.init) }
        let spec = instance.couples[couple]
        let isFirst = Int(spec.first) == candidate
        return spec.choices.map { isFirst ? $0.first : $0.second }.filter { $0 != CouplePair.none }.map(Int.init)
    }

    private func accepts(_ candidate: Int, _ vacancy: Int) -> Bool {
        acceptableVacancies(of: candidate).contains(vacancy)
    }
}
