/// Roth–Peranson-style placement of couples on top of the single candidates' deferred
/// acceptance (Roth & Peranson 1999).
///
/// Couples apply one at a time down their joint ranking. A pair is taken only if both
/// vacancies would keep the member sent there. Anyone displaced applies again: a single
/// moves down their list; a couple with a displaced member withdraws both members and
/// continues with its next pair. A seat left by a withdrawing member is offered again to
/// single candidates who had passed it and now prefer it ("repair"), which is where
/// cycles can arise. A cycle is detected when the same matching recurs at the start of the
/// same couple's application, or when the step budget runs out; from then on repairs stop,
/// every agent only moves down its list, and the run ends. The verifier then lists the
/// blocking pairs that remain.
struct CoupleHeuristic {
    var engine: ProposalEngine
    private let coupleOf: [Int32]
    private var pairPosition: [Int]
    private var placed: [Bool]
    private var queue: [Int32] = []
    private var head = 0
    private var queued: [Bool]
    private var seen = Set<UInt64>()
    private(set) var repairing = true
    private(set) var steps = 0
    private(set) var coupleProposals = 0
    private let stepBudget: Int

    init(engine: ProposalEngine, stepBudget: Int) {
        self.engine = engine
        coupleOf = engine.instance.coupleIndexByCandidate()
        pairPosition = [Int](repeating: -1, count: engine.instance.couples.count)
        placed = [Bool](repeating: false, count: engine.instance.couples.count)
        queued = [Bool](repeating: false, count: engine.instance.candidateCount)
        self.stepBudget = stepBudget
    }

    /// Agents in the queue: a single candidate `c` as `c`, couple `k` as `-(k + 1)`.
    mutating func run() {
        engine.tracking = true
        engine.fingerprint = 0
        queue = (0..<Int32(engine.instance.couples.count)).map { -($0 + 1) }
        while head < queue.count {
            let agent = queue[head]
            head += 1
            if head > 4096, head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            steps += 1
            if steps > stepBudget { repairing = false }
            if agent >= 0 {
                queued[Int(agent)] = false
                proposeSingle(Int(agent))
            } else {
                proposeCouple(Int(-agent - 1))
            }
        }
    }

    private mutating func proposeSingle(_ candidate: Int) {
        guard let index = engine.advance(candidate) else { return }
        engine.proposals += 1
        let vacancy = Int(engine.instance.choices.items[index])
        let rank = engine.ranks.choiceRank(index)
        _ = admit([(Int32(candidate), vacancy, rank)], trial: false)
    }

    private mutating func proposeCouple(_ couple: Int) {
        if repairing {
            let key = engine.fingerprint ^ ProposalEngine.mix(Int32(couple), pairPosition[couple] &+ 0x4000_0000)
            if !seen.insert(key).inserted { repairing = false }
        }
        let spec = engine.instance.couples[couple]
        let base = engine.ranks.coupleStart[couple]
        while pairPosition[couple] + 1 < spec.choices.count {
            pairPosition[couple] += 1
            let position = pairPosition[couple]
            let pair = spec.choices[position]
            let firstRank = engine.ranks.coupleRank[base + 2 * position]
            let secondRank = engine.ranks.coupleRank[base + 2 * position + 1]
            if pair.first != CouplePair.none, firstRank < 0 { continue }
            if pair.second != CouplePair.none, secondRank < 0 { continue }
            var members: [(Int32, Int, Int32)] = []
            if pair.first != CouplePair.none { members.append((spec.first, Int(pair.first), firstRank)) }
            if pair.second != CouplePair.none { members.append((spec.second, Int(pair.second), secondRank)) }
            engine.proposals += 1
            coupleProposals += 1
            if admit(members, trial: true) {
                placed[couple] = true
                return
            }
        }
    }

    /// Sends members to vacancies together. With `trial`, nothing changes unless every
    /// member would be kept; otherwise members not kept are simply turned away.
    private mutating func admit(_ members: [(Int32, Int, Int32)], trial: Bool) -> Bool {
        var trees: [Int] = []
        for (_, vacancy, _) in members {
            let tree = Int(engine.choice.treeOfVacancy[vacancy])
            if tree >= 0 {
                engine.pending[vacancy] += 1
                if !trees.contains(tree) { trees.append(tree) }
            }
        }
        var saved: [[Int32]] = []
        if trial {
            for tree in trees {
                saved.append(engine.choice.trees[tree].vacancies.map { engine.limit[Int($0)] })
                engine.choice.allot(tree: tree, held: engine.heaps.count, pending: engine.pending, limit: &engine.limit)
            }
            if !members.allSatisfy({ wouldKeep($0, among: members) }) {
                for (tree, limits) in zip(trees, saved) {
                    for (vacancy, old) in zip(engine.choice.trees[tree].vacancies, limits) { engine.limit[Int(vacancy)] = old }
                }
                for (_, vacancy, _) in members where engine.choice.treeOfVacancy[vacancy] >= 0 { engine.pending[vacancy] -= 1 }
                return false
            }
        }
        var rejected: [Int32] = []
        for tree in trees { engine.reallot(tree: tree, rejected: &rejected) }
        for (_, vacancy, _) in members where engine.choice.treeOfVacancy[vacancy] >= 0 { engine.pending[vacancy] -= 1 }
        for (candidate, vacancy, rank) in members {
            if let out = engine.insert(candidate, at: vacancy, rank: rank) { rejected.append(out) }
        }
        for out in rejected { turnAway(out) }
        return true
    }

    /// Whether a member would be among the best `limit` of the vacancy's holders and newcomers.
    private func wouldKeep(_ member: (Int32, Int, Int32), among members: [(Int32, Int, Int32)]) -> Bool {
        let (_, vacancy, rank) = member
        var better = engine.heaps.holders(vacancy).count { VacancyHeaps.rank(of: $0) < rank }
        better += members.count { $0.1 == vacancy && $0.2 < rank }
        return better < Int(engine.limit[vacancy])
    }

    func isSettledSingle(_ candidate: Int) -> Bool {
        coupleOf[candidate] < 0 && !queued[candidate]
    }

    /// Moves a settled single to a vacancy if it would keep them (the old seat is freed by the caller).
    mutating func admitMove(_ candidate: Int32, to vacancy: Int, rank: Int32) -> Bool {
        admit([(candidate, vacancy, rank)], trial: true)
    }

    /// Whether every couple was placed without a detected cycle or exhausted budget.
    var converged: Bool { repairing }

    private mutating func turnAway(_ candidate: Int32) {
        let couple = Int(coupleOf[Int(candidate)])
        guard couple >= 0 else {
            if !queued[Int(candidate)] {
                queued[Int(candidate)] = true
                queue.append(candidate)
            }
            return
        }
        guard placed[couple] else { return }
        placed[couple] = false
        let spec = engine.instance.couples[couple]
        for member in [spec.first, spec.second] {
            let vacancy = Int(engine.holder[Int(member)])
            guard vacancy >= 0, engine.heaps.remove(vacancy, candidate: member) else { continue }
            engine.release(member, from: vacancy)
            if repairing { repair(vacancy) }
        }
        queue.append(-Int32(couple) - 1)
    }
}
