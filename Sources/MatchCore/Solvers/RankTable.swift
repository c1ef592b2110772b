/// The rank inversion: for every entry of every candidate's ranking, that candidate's rank
/// in the vacancy's priority order (0 = best), or -1 when the vacancy does not list them
/// (the pair is not acceptable and never matches).
///
/// Built in O(entries) by transposing the vacancy lists with a counting sort and then
/// looking ranks up through one scratch array indexed by vacancy, so that deferred
/// acceptance compares two integers per proposal instead of searching a list.
struct RankTable: Sendable {
    /// Parallel to `instance.choices.items`.
    let choiceRank: [Int32]
    /// Two entries per couple pair, flattened in couple order: rank of the first member at
    /// the pair's first vacancy, then of the second at the second (-1: unacceptable or none).
    let coupleRank: [Int32]
    /// Offsets of each couple's entries in `coupleRank` (pairs × 2).
    let coupleStart: [Int]

    init(_ instance: MatchInstance) {
        let candidateCount = instance.candidateCount
        let priorities = instance.priorities
        // Transpose: for each candidate, the (vacancy, rank) entries that list them.
        var start = [Int32](repeating: 0, count: candidateCount + 1)
        for candidate in priorities.items { start[Int(candidate) + 1] += 1 }
        for index in 0..<candidateCount { start[index + 1] += start[index] }
        var fill = start
        let total = priorities.items.count
        var byVacancy = [Int32](repeating: 0, count: total)
        var byRank = [Int32](repeating: 0, count: total)
        for vacancy in 0..<instance.vacancyCount {
            let range = priorities.range(of: vacancy)
            for index in range {
                let candidate = Int(priorities.items[index])
                let slot = Int(fill[candidate])
                fill[candidate] += 1
                byVacancy[slot] = Int32(vacancy)
                byRank[slot] = Int32(index - range.lowerBound)
            }
        }
        fill = []
        var mark = [Int32](repeating: -1, count: instance.vacancyCount)
        let choices = instance.choices
        var choiceRank = [Int32](repeating: -1, count: choices.items.count)
        for candidate in 0..<candidateCount {
            let listed = Int(start[candidate])..<Int(start[candidate + 1])
            for slot in listed { mark[Int(byVacancy[slot])] = byRank[slot] }
            for index in choices.range(of: candidate) {
                choiceRank[index] = mark[Int(choices.items[index])]
            }
            for slot in listed { mark[Int(byVacancy[slot])] = -1 }
        }
        self.choiceRank = choiceRank
        (coupleRank, coupleStart) = Self.coupleRanks(instance, start: start, byVacancy: byVacancy, byRank: byRank, mark: &mark)
    }

    private static func coupleRanks(
        _ instance: MatchInstance, start: [Int32], byVacancy: [Int32], byRank: [Int32], mark: inout [Int32]
    ) -> ([Int32], [Int]) {
        var ranks: [Int32] = []
        var offsets: [Int] = []
        for couple in instance.couples {
            offsets.append(ranks.count)
            var memberRanks: [[Int32]] = []
            for member in [couple.first, couple.second] {
                let listed = Int(start[Int(member)])..<Int(start[Int(member) + 1])
                for slot in listed { mark[Int(byVacancy[slot])] = byRank[slot] }
                memberRanks.append(couple.choices.map { pair in
                    let vacancy = member == couple.first ? pair.first : pair.second
                    return vacancy == CouplePair.none ? -1 : mark[Int(vacancy)]
                })
                for slot in listed { mark[Int(byVacancy[slot])] = -1 }
            }
            for position in couple.choices.indices {
                ranks.append(memberRanks[0][position])
                ranks.append(memberRanks[1][position])
            }
        }
        offsets.append(ranks.count)
        return (ranks, offsets)
    }
}
