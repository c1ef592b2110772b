extension InstanceParser {
    /// Resolves ids to positions, orders scored vacancies by the lottery and validates.
    mutating func assemble(seedOverride: UInt64?) throws(InputError) -> MatchInstance {
        let candidateIndex = try candidates.resolve(entries: candidateCount)
        let vacancyIndex = try vacancies.resolve(entries: vacancyCount)
        for index in choiceItems.indices { choiceItems[index] = vacancyIndex[Int(choiceItems[index])] }
        for index in priorityItems.indices { priorityItems[index] = candidateIndex[Int(priorityItems[index])] }
        let seed = seedOverride ?? self.seed ?? 0
        var scores: [Double] = []
        if scoredVacancy.contains(true) {
            scores = try orderScoredVacancies(lottery: Lottery(seed: seed, candidateCount: candidateCount))
        }
        let coupleList = couples.map { raw in
            Couple(
                first: candidateIndex[Int(raw.first)], second: candidateIndex[Int(raw.second)],
                choices: raw.pairs.map { pair in
                    CouplePair(
                        first: pair.0 < 0 ? CouplePair.none : vacancyIndex[Int(pair.0)],
                        second: pair.1 < 0 ? CouplePair.none : vacancyIndex[Int(pair.1)]
                    )
                }
            )
        }
        let candidateIDs = candidates.ids(entries: candidateCount)
        let vacancyIDs = vacancies.ids(entries: vacancyCount)
        var priorities = IndexLists(starts: priorityStarts, items: priorityItems)
        if profiles.hasPolicy {
            let explicit = (0..<vacancyCount).map { priorityStarts[$0] != priorityStarts[$0 + 1] || scoredVacancy[$0] }
            let derived = try profiles.derivePriorities(
                candidateIDs: candidateIDs, vacancyIDs: vacancyIDs, choices: IndexLists(starts: choiceStarts, items: choiceItems),
                couples: coupleList, capacities: capacities, targets: targets, regions: vacancyRegions,
                explicit: explicit, seed: seed
            )
            priorities = derived.priorities
            scores = derived.scores
        }
        priorityItems = []
        return try MatchInstance(
            candidateIDs: candidateIDs, vacancyIDs: vacancyIDs,
            choices: IndexLists(starts: choiceStarts, items: choiceItems),
            priorities: priorities, priorityScores: scores,
            capacities: capacities, targets: targets, vacancyRegions: vacancyRegions,
            regions: regions, couples: coupleList, seed: seed
        )
    }

    /// Sorts each scored vacancy's list by score (higher first), ties by lottery number,
    /// and returns scores parallel to all priority items (NaN for ranked vacancies).
    private mutating func orderScoredVacancies(lottery: Lottery) throws(InputError) -> [Double] {
        var scores = [Double](repeating: .nan, count: priorityItems.count)
        var consumed = 0
        var seen = [Int32](repeating: -1, count: candidateCount)
        for vacancy in 0..<vacancyCount where scoredVacancy[vacancy] {
            let range = Int(priorityStarts[vacancy])..<Int(priorityStarts[vacancy + 1])
            var entries: [(candidate: Int32, score: Double)] = []
            entries.reserveCapacity(range.count)
            for index in range {
                let candidate = priorityItems[index]
                guard seen[Int(candidate)] != Int32(vacancy) else {
                    throw InputError(
                        "/vacancies/\(vacancy)/scores/\(InputError.token(candidates.table.string(Int(candidates.symbolAt[Int(candidate)]))))",
                        "candidate scored twice"
                    )
                }
                seen[Int(candidate)] = Int32(vacancy)
                entries.append((candidate, scoreValues[consumed]))
                consumed += 1
            }
            entries.sort { lhs, rhs in
                lhs.score != rhs.score ? lhs.score > rhs.score : lottery.numbers[Int(lhs.candidate)] < lottery.numbers[Int(rhs.candidate)]
            }
            for (offset, entry) in entries.enumerated() {
                priorityItems[range.lowerBound + offset] = entry.candidate
                scores[range.lowerBound + offset] = entry.score
            }
        }
        return scores
    }
}
