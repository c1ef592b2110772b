/// The rank inversion: for every entry of every candidate's ranking, that candidate's rank
/// in the vacancy's priority order (0 = best), or -1 when the vacancy does not list them
/// (the pair is not acceptable and never matches).
///
/// Built in O(entries): the vacancy lists are transposed to candidates (`RankTranspose`,
/// cache-friendly), and each candidate's entries are merged with their choices through a
/// scratch array indexed by vacancy that stays in cache. The result is stored interleaved
/// with the vacancy (`choicePairs`), so deferred acceptance reads one word per proposal and
/// compares two integers instead of searching a list.
struct RankTable: Sendable {
    /// Parallel to `instance.choices.items`: `UInt64(UInt32(rank)) << 32 | vacancy`, so the
    /// high half is the rank (all ones, i.e. -1, when unacceptable) and the low half the
    /// vacancy. The high half is laid out exactly like `VacancyHeaps.pack`'s rank.
    let choicePairs: [UInt64]
    /// Two entries per couple pair, flattened in couple order: rank of the first member at
    /// the pair's first vacancy, then of the second at the second (-1: unacceptable or none).
    let coupleRank: [Int32]
    /// Offsets of each couple's entries in `coupleRank` (pairs × 2).
    let coupleStart: [Int]

    /// Rank of the candidate at the vacancy of choice entry `index`, or -1.
    @inline(__always)
    func choiceRank(_ index: Int) -> Int32 {
        Int32(bitPattern: UInt32(truncatingIfNeeded: choicePairs[index] >> 32))
    }

    init(_ instance: MatchInstance) {
        var coupleStart = [0]
        for couple in instance.couples { coupleStart.append(coupleStart[coupleStart.count - 1] + 2 * couple.choices.count) }
        var coupleRank = [Int32](repeating: -1, count: coupleStart[coupleStart.count - 1])
        let coupleOf = instance.couples.isEmpty ? [] : instance.coupleIndexByCandidate()
        var mark = [Int32](repeating: -1, count: instance.vacancyCount)
        let choices = instance.choices
        let count = choices.items.count
        let transposed = RankTranspose(instance)
        choicePairs = [UInt64](unsafeUninitializedCapacity: count) { out, initialized in
            choices.starts.withUnsafeBufferPointer { choiceStart in
                choices.items.withUnsafeBufferPointer { items in
                    mark.withUnsafeMutableBufferPointer { mark in
                        transposed.forEachCandidate { candidate, listed in
                            for entry in listed {
                                mark[Int(UInt32(truncatingIfNeeded: entry))] = Int32(bitPattern: UInt32(truncatingIfNeeded: entry >> 32))
                            }
                            for index in Int(choiceStart[candidate])..<Int(choiceStart[candidate + 1]) {
                                let vacancy = UInt32(bitPattern: items[index])
                                out[index] = UInt64(UInt32(bitPattern: mark[Int(vacancy)])) << 32 | UInt64(vacancy)
                            }
                            if !coupleOf.isEmpty, coupleOf[candidate] >= 0 {
                                let couple = Int(coupleOf[candidate])
                                Self.fillCoupleRanks(instance.couples[couple], member: candidate, mark: mark, into: &coupleRank, at: coupleStart[couple])
                            }
                            for entry in listed { mark[Int(UInt32(truncatingIfNeeded: entry))] = -1 }
                        }
                    }
                }
            }
            initialized = count
        }
        self.coupleRank = coupleRank
        self.coupleStart = coupleStart
    }

    /// Writes one member's ranks at the couple's pairs (every other entry from `base`).
    private static func fillCoupleRanks(
        _ couple: Couple, member: Int, mark: UnsafeMutableBufferPointer<Int32>, into ranks: inout [Int32], at base: Int
    ) {
        let isFirst = Int(couple.first) == member
        for (position, pair) in couple.choices.enumerated() {
            let vacancy = isFirst ? pair.first : pair.second
            ranks[base + 2 * position + (isFirst ? 0 : 1)] = vacancy == CouplePair.none ? -1 : mark[Int(vacancy)]
        }
    }
}
