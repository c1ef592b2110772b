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
}
