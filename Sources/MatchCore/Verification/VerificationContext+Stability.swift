extension VerificationContext {
    mutating func checkCouples() {
        for (index, couple) in instance.couples.enumerated() {
            let first = assignment[Int(couple.first)]
            let second = assignment[Int(couple.second)]
            if first < 0, second < 0 { continue }
            let listed = couple.choices.contains { $0.first == first && $0.second == second }
            if !listed {
                violations.append(Violation(
                    .coupleConstraint, candidate: Int(couple.first), couple: index,
                    detail: "couple \(index) is placed at (\(name(first)), \(name(second))), a combination it did not list"
                ))
            }
        }
    }

    mutating func checkCoupleBlockingPairs() {
        guard !instance.couples.isEmpty else { return }
        for (index, couple) in instance.couples.enumerated() {
            let current = couple.choices.firstIndex {
                $0.first == assignment[Int(couple.first)] && $0.second == assignment[Int(couple.second)]
            } ?? couple.choices.count
            for pair in couple.choices.prefix(current) where coupleWouldMove(couple, to: pair) {
                violations.append(Violation(
                    .coupleBlockingPair, candidate: Int(couple.first), couple: index,
                    detail: "couple \(index) prefers (\(name(pair.first)), \(name(pair.second))), where both members would be admitted"
                ))
            }
        }
    }

    /// Whether every vacancy of `pair` would choose the member sent there from its holders
    /// (the couple's own seats given up) and the newcomers: among the best of its capacity,
    /// or, inside a capped region, of the seats the region's choice gives it for the new
    /// applicant counts (matching-with-contracts form; ADR 0039 replaced the earlier
    /// approximation of ADR 0007).
    private func coupleWouldMove(_ couple: Couple, to pair: CouplePair) -> Bool {
        let own = [couple.first, couple.second].map(Int.init)
        var newcomers: [(vacancy: Int, rank: Int)] = []
        for (member, vacancy) in zip(own, [pair.first, pair.second]) where vacancy != CouplePair.none {
            guard let rank = lookup.rank(of: member, at: Int(vacancy)) else { return false }
            newcomers.append((Int(vacancy), rank))
        }
        for newcomer in newcomers {
            let vacancy = newcomer.vacancy
            let better = holders[vacancy].count { !own.contains($0) && (lookup.rank(of: $0, at: vacancy) ?? Int.max) < newcomer.rank }
                + newcomers.count { $0.vacancy == vacancy && $0.rank < newcomer.rank }
            guard better < Int(instance.capacities[vacancy]) else { return false }
            if geometry.isCapped(vacancy, in: instance),
               better >= seatsAfterMove(vacancy, own: own, arriving: newcomers.map(\.vacancy)) { return false }
        }
        return true
    }

    /// Seats the regional choice gives a capped vacancy once the couple's members left their
    /// seats and arrived at `arriving`.
    private func seatsAfterMove(_ vacancy: Int, own: [Int], arriving: [Int]) -> Int {
        let tree = geometry.treeOf[vacancy]
        let members = geometry.trees[tree]
        var applicants = members.map { holders[$0].count }
        for (slot, member) in members.enumerated() {
            applicants[slot] += arriving.count { $0 == member } - own.count { Int(assignment[$0]) == member }
        }
        let seats = AllotmentOracle(instance: instance, geometry: geometry).allot(tree: tree, applicants: applicants).seats
        return seats[members.firstIndex(of: vacancy) ?? 0]
    }

    private func name(_ vacancy: Int32) -> String {
        vacancy < 0 ? "none" : "'\(instance.vacancyIDs[Int(vacancy)])'"
    }
}
