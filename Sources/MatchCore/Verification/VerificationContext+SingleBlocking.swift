/// Blocking pairs of single candidates, checked vacancy by vacancy.
///
/// Why this shape: asking "where does v rank c?" for each of the ~22M pairs (c, v) that a
/// candidate ranks above their assignment is a random access per pair. Instead the pairs are
/// bucketed by vacancy (a counting sort over the candidates' lists), and each vacancy's
/// ranks are written into one per-candidate scratch array (`stamp`, 8 bytes per candidate)
/// that every pair of that vacancy then reads. Violations are reported in candidate order,
/// then in the order of the candidate's ranking, exactly as a candidate-by-candidate scan
/// would. Shares nothing with the solver (it never transposes the vacancies' lists).
extension VerificationContext {
    mutating func checkSingleBlockingPairs() {
        let (start, askers) = askersByVacancy()
        let priorities = instance.priorities
        var stamp = [UInt64](repeating: .max, count: instance.candidateCount)
        var found: [(candidate: Int32, vacancy: Int32, freeSeat: Bool)] = []
        for vacancy in 0..<instance.vacancyCount where start[vacancy] < start[vacancy + 1] {
            let held = holders[vacancy].count
            let free = held < Int(instance.capacities[vacancy])
            let worst = worstRank[vacancy]
            // Only ranks that can block need stamping: above the worst holder, or all of them
            // when a free seat might be filled.
            let range = priorities.range(of: vacancy)
            let stamped = free ? range.count : min(range.count, max(0, worst))
            guard stamped > 0 else { continue }
            let tag = UInt64(vacancy) << 32
            for offset in 0..<stamped {
                stamp[Int(priorities.items[range.lowerBound + offset])] = tag | UInt64(offset)
            }
            var grows: Bool?
            for slot in start[vacancy]..<start[vacancy + 1] {
                let candidate = askers[slot]
                let entry = stamp[Int(candidate)]
                guard entry >> 32 == UInt64(vacancy), entry != .max else { continue }
                let rank = Int(entry & 0xFFFF_FFFF)
                if held > 0, rank < worst {
                    found.append((candidate, Int32(vacancy), false))
                } else if free {
                    if grows == nil { grows = wouldGrow(vacancy) }
                    if grows == true { found.append((candidate, Int32(vacancy), true)) }
                }
            }
        }
        report(found)
    }

    /// For each vacancy, the single candidates who rank it above their assignment (all of
    /// their list when unassigned), in increasing candidate order.
    private func askersByVacancy() -> (start: [Int], askers: [Int32]) {
        let choices = instance.choices
        var start = [Int](repeating: 0, count: instance.vacancyCount + 1)
        for candidate in 0..<instance.candidateCount where coupleOf[candidate] < 0 {
            for index in choices.range(of: candidate) {
                let vacancy = choices.items[index]
                if vacancy == assignment[candidate] { break }
                start[Int(vacancy) + 1] += 1
            }
        }
        for vacancy in 0..<instance.vacancyCount { start[vacancy + 1] += start[vacancy] }
        var fill = start
        let total = start[instance.vacancyCount]
        let askers = [Int32](unsafeUninitializedCapacity: total) { buffer, initialized in
            for candidate in 0..<instance.candidateCount where coupleOf[candidate] < 0 {
                for index in choices.range(of: candidate) {
                    let vacancy = Int(choices.items[index])
                    if vacancy == Int(assignment[candidate]) { break }
                    buffer[fill[vacancy]] = Int32(candidate)
                    fill[vacancy] += 1
                }
            }
            initialized = total
        }
        return (start, askers)
    }

    /// Appends the violations sorted by candidate, then by the vacancy's place in the
    /// candidate's ranking.
    private mutating func report(_ found: [(candidate: Int32, vacancy: Int32, freeSeat: Bool)]) {
        let choices = instance.choices
        let ordered = found.map { pair in
            let place = choices[Int(pair.candidate)].firstIndex(of: pair.vacancy) ?? 0
            return (key: place, pair: pair)
        }.sorted { $0.key < $1.key }
        for (_, pair) in ordered {
            let candidate = Int(pair.candidate)
            let vacancy = Int(pair.vacancy)
            let reason = pair.freeSeat ? "which has a free seat it may fill" : "which ranks them above a holder"
            violations.append(Violation(
                .blockingPair, candidate: candidate, vacancy: vacancy,
                detail: "'\(instance.candidateIDs[candidate])' prefers '\(instance.vacancyIDs[vacancy])', \(reason)"
            ))
        }
    }
}
