/// The solver's own search for blocking pairs in a matching with couples, used to decide
/// whether the couples phase has settled or must try further (ADR 0039). It states the same
/// notion as the verifier (docs/matching.md, "Stability with couples") but on the solver's
/// rank table and regional choice; the verifier still checks every result on its own path.
///
/// A single `s` and vacancy `v` block when `s` prefers `v`, `v` lists `s`, and `v` would
/// choose `s` from its holders plus `s`: it holds someone it ranks below `s`, or it has a free
/// seat and its region's choice would give it one more. A couple and a pair it ranks above its
/// own block when every vacancy of the pair would choose the member sent there from its
/// holders (without the couple) and the newcomers, with seats re-allotted for the new counts.
struct StabilityCheck {
    /// An agent of a blocking pair and where it would go: a single's index into
    /// `instance.choices.items`, or a couple's position in its ranking.
    enum Move: Equatable {
        case single(candidate: Int, choiceIndex: Int)
        case couple(Int, pair: Int)
    }

    private let instance: MatchInstance
    private let ranks: RankTable
    private var choice: RegionalChoice
    private let assignment: [Int32]
    private let coupleOf: [Int32]
    private let slots: VacancySlots
    private var counts: [Int32]
    private var pending: [Int32]
    private var limit: [Int32]
    private var grows: [Int8]

    init(instance: MatchInstance, ranks: RankTable, choice: RegionalChoice, assignment: [Int32]) {
        self.instance = instance
        self.ranks = ranks
        self.choice = choice
        self.assignment = assignment
        coupleOf = instance.coupleIndexByCandidate()
        slots = VacancySlots(instance: instance, ranks: ranks, assignment: assignment)
        counts = slots.counts
        pending = [Int32](repeating: 0, count: instance.vacancyCount)
        limit = [Int32](repeating: 0, count: instance.vacancyCount)
        grows = [Int8](repeating: -1, count: instance.vacancyCount)
    }

    /// Each blocking agent once, with its best blocking move: singles in candidate order,
    /// then couples in input order. With `first`, stops at the first one found.
    mutating func blockingMoves(first: Bool = false) -> [Move] {
        var moves: [Move] = []
        for candidate in 0..<instance.candidateCount where coupleOf[candidate] < 0 {
            if let index = blockingChoice(candidate) {
                moves.append(.single(candidate: candidate, choiceIndex: index))
                if first { return moves }
            }
        }
        for couple in instance.couples.indices {
            if let pair = blockingPair(couple) {
                moves.append(.couple(couple, pair: pair))
                if first { return moves }
            }
        }
        return moves
    }

    /// Whether no agent blocks.
    mutating func isStable() -> Bool { blockingMoves(first: true).isEmpty }

    private mutating func blockingChoice(_ candidate: Int) -> Int? {
        let assigned = assignment[candidate]
        for index in instance.choices.range(of: candidate) {
            let vacancy = Int(instance.choices.items[index])
            if vacancy == Int(assigned) { return nil }
            let rank = ranks.choiceRank(index)
            guard rank >= 0 else { continue }
            if slots.count(vacancy) > 0, rank < slots.worst[vacancy] { return index }
            if slots.count(vacancy) < Int(instance.capacities[vacancy]), wouldGrow(vacancy) { return index }
        }
        return nil
    }

    /// Whether one more applicant at a vacancy with a free seat wins it a seat.
    private mutating func wouldGrow(_ vacancy: Int) -> Bool {
        let tree = Int(choice.treeOfVacancy[vacancy])
        guard tree >= 0 else { return true }
        if grows[vacancy] < 0 {
            pending[vacancy] = 1
            choice.allot(tree: tree, held: counts, pending: pending, limit: &limit)
            pending[vacancy] = 0
            grows[vacancy] = limit[vacancy] > counts[vacancy] ? 1 : 0
        }
        return grows[vacancy] == 1
    }

    private mutating func blockingPair(_ couple: Int) -> Int? {
        let spec = instance.couples[couple]
        let current = spec.choices.firstIndex {
            $0.first == assignment[Int(spec.first)] && $0.second == assignment[Int(spec.second)]
        } ?? spec.choices.count
        let base = ranks.coupleStart[couple]
        for position in 0..<current {
            let pair = spec.choices[position]
            var newcomers: [Newcomer] = []
            if pair.first != CouplePair.none { newcomers.append(Newcomer(spec.first, pair.first, ranks.coupleRank[base + 2 * position])) }
            if pair.second != CouplePair.none { newcomers.append(Newcomer(spec.second, pair.second, ranks.coupleRank[base + 2 * position + 1])) }
            guard newcomers.allSatisfy({ $0.rank >= 0 }) else { continue }
            if admits(newcomers, leaving: [spec.first, spec.second]) { return position }
        }
        return nil
    }

    private struct Newcomer {
        let candidate: Int32
        let vacancy: Int
        let rank: Int32
        init(_ candidate: Int32, _ vacancy: Int32, _ rank: Int32) {
            self.candidate = candidate
            self.vacancy = Int(vacancy)
            self.rank = rank
        }
    }

    /// Whether every newcomer would be among the best its vacancy may keep once the leaving
    /// members are gone and the newcomers have arrived.
    private mutating func admits(_ newcomers: [Newcomer], leaving: [Int32]) -> Bool {
        for newcomer in newcomers {
            let vacancy = newcomer.vacancy
            let better = slots.holders(vacancy).count { $0.rank < newcomer.rank && !leaving.contains($0.candidate) }
                + newcomers.count { $0.vacancy == vacancy && $0.rank < newcomer.rank }
            guard better < Int(instance.capacities[vacancy]) else { return false }
        }
        let capped = newcomers.filter { choice.treeOfVacancy[$0.vacancy] >= 0 }
        guard !capped.isEmpty else { return true }
        for member in leaving where assignment[Int(member)] >= 0 { counts[Int(assignment[Int(member)])] -= 1 }
        for newcomer in newcomers { counts[newcomer.vacancy] += 1 }
        defer {
            for member in leaving where assignment[Int(member)] >= 0 { counts[Int(assignment[Int(member)])] += 1 }
            for newcomer in newcomers { counts[newcomer.vacancy] -= 1 }
        }
        var allotted: Set<Int32> = []
        for newcomer in capped where allotted.insert(choice.treeOfVacancy[newcomer.vacancy]).inserted {
            choice.allot(tree: Int(choice.treeOfVacancy[newcomer.vacancy]), held: counts, pending: pending, limit: &limit)
        }
        return capped.allSatisfy { newcomer in
            let vacancy = newcomer.vacancy
            let better = slots.holders(vacancy).count { $0.rank < newcomer.rank && !leaving.contains($0.candidate) }
                + newcomers.count { $0.vacancy == vacancy && $0.rank < newcomer.rank }
            return better < Int(limit[vacancy])
        }
    }
}
