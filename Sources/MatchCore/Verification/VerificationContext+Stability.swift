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
        var placed = [Int](repeating: 0, count: instance.regions.count)
        for vacancy in 0..<instance.vacancyCount {
            for region in geometry.enclosing[vacancy] { placed[region] += holders[vacancy].count }
        }
        for (index, couple) in instance.couples.enumerated() {
            let current = couple.choices.firstIndex {
                $0.first == assignment[Int(couple.first)] && $0.second == assignment[Int(couple.second)]
            } ?? couple.choices.count
            for pair in couple.choices.prefix(current) where coupleWouldMove(couple, to: pair, placed: placed) {
                violations.append(Violation(
                    .coupleBlockingPair, candidate: Int(couple.first), couple: index,
                    detail: "couple \(index) prefers (\(name(pair.first)), \(name(pair.second))), where both members would be admitted"
                ))
            }
        }
    }

    /// Whether both vacancies of `pair` would admit the members sent there, counting the
    /// couple's own seats as free and respecting caps for seats that must be added.
    private func coupleWouldMove(_ couple: Couple, to pair: CouplePair, placed: [Int]) -> Bool {
        let own = [couple.first, couple.second].map(Int.init)
        var newcomers: [(vacancy: Int, rank: Int)] = []
        for (member, vacancy) in zip(own, [pair.first, pair.second]) where vacancy != CouplePair.none {
            guard let rank = lookup.rank(of: member, at: Int(vacancy)) else { return false }
            newcomers.append((Int(vacancy), rank))
        }
        var delta: [Int: Int] = [:]
        for vacancy in Set(newcomers.map(\.vacancy)) {
            let others = holders[vacancy].filter { !own.contains($0) }
            let arriving = newcomers.filter { $0.vacancy == vacancy }
            for newcomer in arriving {
                let better = others.count { (lookup.rank(of: $0, at: vacancy) ?? Int.max) < newcomer.rank }
                    + arriving.count { $0.rank < newcomer.rank }
                guard better < Int(instance.capacities[vacancy]) else { return false }
            }
            let grown = min(others.count + arriving.count, Int(instance.capacities[vacancy])) - holders[vacancy].count
            for region in geometry.enclosing[vacancy] { delta[region, default: 0] += grown }
        }
        let targets = Set(newcomers.map(\.vacancy))
        for member in own where assignment[member] >= 0 && !targets.contains(Int(assignment[member])) {
            for region in geometry.enclosing[Int(assignment[member])] { delta[region, default: 0] -= 1 }
        }
        return delta.allSatisfy { region, change in
            change <= 0 || placed[region] + change <= (instance.regions[region].cap ?? Int.max)
        }
    }

    private func name(_ vacancy: Int32) -> String {
        vacancy < 0 ? "none" : "'\(instance.vacancyIDs[Int(vacancy)])'"
    }
}
