extension CoupleHeuristic {
    /// Offers seats freed by a withdrawing couple member to single candidates who had passed
    /// the vacancy and now prefer it, best priority first; each move frees another seat,
    /// which is offered in turn.
    mutating func repair(_ vacancy: Int) {
        var work = [vacancy]
        while let freed = work.popLast() {
            let priorities = engine.instance.priorities
            let range = priorities.range(of: freed)
            for index in range {
                if !repairing || engine.heaps.count[freed] >= engine.instance.capacities[freed] { break }
                let candidate = Int(priorities.items[index])
                guard let choiceIndex = passedChoice(candidate, vacancy: freed) else { continue }
                let from = Int(engine.holder[candidate])
                let rank = Int32(index - range.lowerBound)
                guard admitMove(Int32(candidate), to: freed, rank: rank) else { break }
                engine.position[candidate] = Int32(choiceIndex)
                if from >= 0 {
                    _ = engine.heaps.remove(from, candidate: Int32(candidate))
                    engine.holder[candidate] = Int32(freed)
                    engine.fingerprint ^= ProposalEngine.mix(Int32(candidate), from)
                    work.append(from)
                }
            }
        }
    }

    /// The index of `vacancy` in a settled single candidate's ranking, if they had passed it.
    private func passedChoice(_ candidate: Int, vacancy: Int) -> Int? {
        guard engine.holder[candidate] != Int32(vacancy), isSettledSingle(candidate) else { return nil }
        let choices = engine.instance.choices
        guard let index = choices.range(of: candidate).first(where: { Int(choices.items[$0]) == vacancy }),
              engine.ranks.choiceRank(index) >= 0, Int(engine.position[candidate]) > index
        else { return nil }
        return index
    }
}
