extension CoupleHeuristic {
    /// A placed couple applies to the pairs it ranks above its own, from `retryFrom`: for
    /// each, it gives up its seats and takes the pair if both vacancies would keep the members
    /// sent there; otherwise it goes back to its seats, which nobody took meanwhile.
    mutating func moveUp(_ couple: Int) {
        let from = retryFrom[couple]
        retryFrom[couple] = -1
        let current = pairPosition[couple]
        guard repairing, from >= 0, from < current, let seats = members(couple, at: current) else { return }
        noteApplication(couple, at: from &+ 0x2000_0000)
        for position in from..<current {
            guard let members = members(couple, at: position) else { continue }
            withdraw(seats)
            engine.proposals += 1
            coupleProposals += 1
            pairPosition[couple] = position
            if admit(members, trial: true) {
                for (_, vacancy, _) in seats where !members.contains(where: { $0.1 == vacancy }) { repair(vacancy, except: couple) }
                return
            }
            pairPosition[couple] = current
            restore(seats)
        }
    }

    private mutating func withdraw(_ seats: [(Int32, Int, Int32)]) {
        for (member, vacancy, _) in seats where engine.heaps.remove(vacancy, candidate: member) {
            engine.release(member, from: vacancy)
        }
    }

    /// Puts members back in the seats `withdraw` freed (a failed trial changed nothing, so the
    /// seats are still there).
    private mutating func restore(_ seats: [(Int32, Int, Int32)]) {
        for (member, vacancy, rank) in seats {
            let out = engine.insert(member, at: vacancy, rank: rank)
            assert(out == nil, "a withdrawn couple member finds their seat again")
        }
    }

    /// Lets every blocking agent the stability check found apply where it blocks: a single
    /// moves up if the vacancy would keep them (their old seat is repaired); a couple is
    /// queued to apply again from the blocking pair.
    /// - Returns: whether anything moved or was queued.
    mutating func reopen(_ moves: [StabilityCheck.Move]) -> Bool {
        var changed = false
        for move in moves {
            steps += 1
            if steps > stepBudget { stopRepairs() }
            guard repairing else { return changed }
            switch move {
            case let .single(candidate, choiceIndex):
                let vacancy = Int(engine.instance.choices.items[choiceIndex])
                guard passedChoice(candidate, vacancy: vacancy) == choiceIndex else { continue }
                let from = Int(engine.holder[candidate])
                if moveSingle(candidate, to: vacancy, choiceIndex: choiceIndex, rank: engine.ranks.choiceRank(choiceIndex)) {
                    changed = true
                    if from >= 0 { repair(from) }
                }
            case let .couple(couple, pair):
                enqueueCouple(couple, retryFrom: pair)
                changed = true
            }
        }
        return changed
    }

    /// Runs to the end, then checks the matching for blocking pairs and lets the blocking
    /// agents apply again, until none is left or repairs have stopped.
    /// - Returns: the blocking moves left (empty: the matching is stable).
    mutating func settle() -> [StabilityCheck.Move] {
        run()
        while true {
            var check = StabilityCheck(instance: engine.instance, ranks: engine.ranks, choice: engine.choice, assignment: engine.holder)
            let moves = check.blockingMoves()
            guard !moves.isEmpty, repairing, reopen(moves) else { return moves }
            run()
        }
    }
}
