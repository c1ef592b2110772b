extension CoupleHeuristic {
    /// Offers a seat given up to everyone it can help (ADR 0039): couples that had passed a
    /// pair containing the vacancy apply again from that pair (they are queued), and single
    /// candidates who had passed it — placed lower, unplaced, or displaced and still waiting to
    /// apply again — are moved in, best priority first, while the vacancy would keep them.
    /// Each single's move gives up another seat, which is repaired in turn.
    mutating func repair(_ vacancy: Int, except couple: Int = -1) {
        guard repairing else { return }
        var work = [vacancy]
        while let freed = work.popLast() {
            requeueCouples(passing: freed, except: couple)
            offerToSingles(freed, work: &work)
        }
    }

    private mutating func requeueCouples(passing vacancy: Int, except: Int) {
        for index in couplesByVacancy.range(of: vacancy) {
            let couple = Int(couplesByVacancy.items[index])
            let first = Int(firstPositionByVacancy[index])
            guard couple != except else { continue }
            let passed = first < pairPosition[couple] || (!placed[couple] && first == pairPosition[couple])
            if passed { enqueueCouple(couple, retryFrom: first) }
        }
    }

    private mutating func offerToSingles(_ freed: Int, work: inout [Int]) {
        let priorities = engine.instance.priorities
        let range = priorities.range(of: freed)
        for index in range {
            if !repairing || engine.heaps.count[freed] >= engine.instance.capacities[freed] { return }
            let candidate = Int(priorities.items[index])
            guard let choiceIndex = passedChoice(candidate, vacancy: freed) else { continue }
            let from = Int(engine.holder[candidate])
            guard moveSingle(candidate, to: freed, choiceIndex: choiceIndex, rank: Int32(index - range.lowerBound)) else { return }
            if from >= 0 { work.append(from) }
        }
    }

    /// Moves a single candidate up to `vacancy` if it would keep them; their old seat, if
    /// any, is given up (the caller repairs it).
    ///
    /// The candidate leaves the old seat and takes their new place in their list *before*
    /// the admission, as a couple's `moveUp` does: the admission may displace a couple whose
    /// withdrawal repairs other seats at once, and those repairs must see the candidate where
    /// they are going. (Left in the old seat at the old place, a repair could move them again,
    /// to a post between the two, and the move would then book them at a post whose holders no
    /// longer include them: three people in two seats.) If the vacancy would not keep them,
    /// they go back to the old seat, which the failed trial left free.
    mutating func moveSingle(_ candidate: Int, to vacancy: Int, choiceIndex: Int, rank: Int32) -> Bool {
        let from = Int(engine.holder[candidate])
        let oldPosition = engine.position[candidate]
        let oldRank = from >= 0 ? leave(candidate, seat: from) : nil
        engine.position[candidate] = Int32(choiceIndex)
        if admit([(Int32(candidate), vacancy, rank)], trial: true) { return true }
        engine.position[candidate] = oldPosition
        if let oldRank {
            let out = engine.insert(Int32(candidate), at: from, rank: oldRank)
            assert(out == nil, "a single whose move failed finds their seat again")
        }
        return false
    }

    /// Takes a single out of their seat; returns their rank there.
    private mutating func leave(_ candidate: Int, seat: Int) -> Int32? {
        guard let entry = engine.heaps.holders(seat).first(where: { VacancyHeaps.candidate(of: $0) == Int32(candidate) }),
              engine.heaps.remove(seat, candidate: Int32(candidate))
        else { return nil }
        engine.release(Int32(candidate), from: seat)
        return VacancyHeaps.rank(of: entry)
    }

    /// The index of `vacancy` in a single candidate's ranking if they had passed it: it lies
    /// above their seat, or they were turned away there and have not applied again yet.
    func passedChoice(_ candidate: Int, vacancy: Int) -> Int? {
        guard coupleOf[candidate] < 0, engine.holder[candidate] != Int32(vacancy) else { return nil }
        let choices = engine.instance.choices
        guard let index = choices.range(of: candidate).first(where: { Int(choices.items[$0]) == vacancy }),
              engine.ranks.choiceRank(index) >= 0
        else { return nil }
        let position = Int(engine.position[candidate])
        return index < position || (engine.holder[candidate] < 0 && index == position) ? index : nil
    }

    /// Per vacancy, the couples with a pair containing it and the first such position, as
    /// compressed rows (`items` are couples; `positions` runs parallel to them).
    static func couplesByVacancy(_ instance: MatchInstance) -> (IndexLists, [Int32]) {
        var entries: [(vacancy: Int32, couple: Int32, position: Int32)] = []
        for (couple, spec) in instance.couples.enumerated() {
            var listed: Set<Int32> = []
            for (position, pair) in spec.choices.enumerated() {
                for vacancy in [pair.first, pair.second] where vacancy != CouplePair.none && listed.insert(vacancy).inserted {
                    entries.append((vacancy, Int32(couple), Int32(position)))
                }
            }
        }
        entries.sort { ($0.vacancy, $0.couple) < ($1.vacancy, $1.couple) }
        var starts = [Int32](repeating: 0, count: instance.vacancyCount + 1)
        for entry in entries { starts[Int(entry.vacancy) + 1] += 1 }
        for vacancy in 0..<instance.vacancyCount { starts[vacancy + 1] += starts[vacancy] }
        return (IndexLists(starts: starts, items: entries.map(\.couple)), entries.map(\.position))
    }
}
