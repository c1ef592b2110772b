/// Roth–Peranson-style placement of couples on top of the single candidates' deferred
/// acceptance (Roth & Peranson 1999), with complete repair (ADR 0039).
///
/// Couples apply one at a time down their joint ranking, in `order`. A pair is taken only if
/// both vacancies would keep the member sent there. Anyone displaced applies again: a single
/// moves down their list; a couple with a displaced member withdraws both members and
/// continues with its next pair. Every seat given up — by a withdrawing couple, or by anyone
/// moving up — is repaired (`repair`): single candidates who had passed the vacancy, settled
/// or still waiting to apply again, are offered it best priority first, and couples that had
/// passed a pair containing it apply again from that pair. Repairs are where cycles can arise:
/// when the same matching recurs at the same couple application for the third time, or the
/// step budget runs out, repairs stop, every agent only moves down its list, and the run ends.
struct CoupleHeuristic {
    var engine: ProposalEngine
    let coupleOf: [Int32]
    /// Per couple: the position in its ranking it last applied to (or holds), -1 before.
    var pairPosition: [Int]
    var placed: [Bool]
    /// Per couple: the position to apply again from when next dequeued, or -1.
    var retryFrom: [Int]
    /// Per vacancy: the couples with a pair containing it, and the first such position.
    let couplesByVacancy: IndexLists
    let firstPositionByVacancy: [Int32]
    private var queue: [Int32] = []
    private var head = 0
    /// Whether a single (by candidate) or a couple (by couple) has an entry in the queue.
    var queued: [Bool]
    var coupleQueued: [Bool]
    private var seen: [UInt64: UInt8] = [:]
    private(set) var repairing = true
    var steps = 0
    var coupleProposals = 0
    let stepBudget: Int

    /// - Parameter order: the couples in the order they first apply.
    init(engine: ProposalEngine, order: [Int32], stepBudget: Int) {
        self.engine = engine
        let instance = engine.instance
        coupleOf = instance.coupleIndexByCandidate()
        pairPosition = [Int](repeating: -1, count: instance.couples.count)
        placed = [Bool](repeating: false, count: instance.couples.count)
        retryFrom = [Int](repeating: -1, count: instance.couples.count)
        (couplesByVacancy, firstPositionByVacancy) = Self.couplesByVacancy(instance)
        queued = [Bool](repeating: false, count: instance.candidateCount)
        coupleQueued = [Bool](repeating: true, count: instance.couples.count)
        queue = order.map { -$0 - 1 }
        self.stepBudget = stepBudget
        self.engine.tracking = true
        self.engine.fingerprint = 0
    }

    /// Whether every couple was placed without a detected cycle or exhausted budget.
    var converged: Bool { repairing }

    /// Agents in the queue: a single candidate `c` as `c`, couple `k` as `-(k + 1)`.
    mutating func run() {
        while head < queue.count {
            let agent = queue[head]
            head += 1
            if head > 4096, head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            steps += 1
            if steps > stepBudget { stopRepairs() }
            if agent >= 0 {
                queued[Int(agent)] = false
                // A waiting single may have been given a seat by a repair meanwhile.
                if engine.holder[Int(agent)] < 0 { proposeSingle(Int(agent)) }
            } else {
                let couple = Int(-agent - 1)
                coupleQueued[couple] = false
                if placed[couple] { moveUp(couple) } else { proposeCouple(couple) }
            }
        }
    }

    mutating func enqueueCouple(_ couple: Int, retryFrom position: Int? = nil) {
        if let position { retryFrom[couple] = retryFrom[couple] < 0 ? position : min(retryFrom[couple], position) }
        guard !coupleQueued[couple] else { return }
        coupleQueued[couple] = true
        queue.append(-Int32(couple) - 1)
    }

    private mutating func proposeSingle(_ candidate: Int) {
        guard let index = engine.advance(candidate) else { return }
        engine.proposals += 1
        let vacancy = Int(engine.instance.choices.items[index])
        let rank = engine.ranks.choiceRank(index)
        _ = admit([(Int32(candidate), vacancy, rank)], trial: false)
    }

    private mutating func proposeCouple(_ couple: Int) {
        if retryFrom[couple] >= 0 {
            pairPosition[couple] = min(pairPosition[couple], retryFrom[couple] - 1)
            retryFrom[couple] = -1
        }
        noteApplication(couple, at: pairPosition[couple] &+ 0x4000_0000)
        let count = engine.instance.couples[couple].choices.count
        while pairPosition[couple] + 1 < count {
            pairPosition[couple] += 1
            guard let members = members(couple, at: pairPosition[couple]) else { continue }
            engine.proposals += 1
            coupleProposals += 1
            // Placed before the members go in: a cascade of the admission may displace one.
            placed[couple] = true
            if admit(members, trial: true) { return }
            placed[couple] = false
        }
    }

    /// Records an application for cycle detection: the third time the same matching meets the
    /// same application, the run is taken to cycle and repairs stop.
    mutating func noteApplication(_ couple: Int, at key: Int) {
        guard repairing else { return }
        let fingerprint = engine.fingerprint ^ ProposalEngine.mix(Int32(couple), key)
        let times = seen[fingerprint, default: 0] + 1
        seen[fingerprint] = times
        if times >= 3 { stopRepairs() }
    }

    /// From now on every agent only moves down its list, so the run ends.
    mutating func stopRepairs() { repairing = false }

    /// The members a pair sends out, with their ranks there; nil when a vacancy of the pair
    /// does not list the member sent there.
    func members(_ couple: Int, at position: Int) -> [(Int32, Int, Int32)]? {
        let spec = engine.instance.couples[couple]
        let pair = spec.choices[position]
        let base = engine.ranks.coupleStart[couple] + 2 * position
        var members: [(Int32, Int, Int32)] = []
        for (member, vacancy, rank) in [(spec.first, pair.first, engine.ranks.coupleRank[base]),
                                        (spec.second, pair.second, engine.ranks.coupleRank[base + 1])]
            where vacancy != CouplePair.none {
            guard rank >= 0 else { return nil }
            members.append((member, Int(vacancy), rank))
        }
        return members
    }

    /// Sends members to vacancies together. With `trial`, nothing changes unless every
    /// member would be kept; otherwise members not kept are simply turned away.
    mutating func admit(_ members: [(Int32, Int, Int32)], trial: Bool) -> Bool {
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
            repair(vacancy, except: couple)
        }
        enqueueCouple(couple)
    }
}
