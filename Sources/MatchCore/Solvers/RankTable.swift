/// The rank inversion: for every entry of every candidate's ranking, that candidate's rank
/// in the vacancy's priority order (0 = best), or -1 when the vacancy does not list them
/// (the pair is not acceptable and never matches).
///
/// Built in O(entries) by transposing the vacancy lists with a counting sort into one packed
/// `(rank, vacancy)` array (one scattered write per entry), then merging per candidate
/// through a scratch array indexed by vacancy that stays in cache. The result is stored
/// interleaved with the vacancy (`choicePairs`), so deferred acceptance reads one word per
/// proposal and compares two integers instead of searching a list.
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
        let transposed = RankTranspose(instance)
        var mark = [Int32](repeating: -1, count: instance.vacancyCount)
        choicePairs = Self.merge(instance.choices, transposed, mark: &mark)
        (coupleRank, coupleStart) = Self.coupleRanks(instance, transposed, mark: &mark)
    }

    /// Per candidate: marks the vacancies that list them with their rank, reads the ranks of
    /// their choices off the marks, and clears the marks again. Sequential in both inputs.
    private static func merge(_ choices: IndexLists, _ transposed: RankTranspose, mark: inout [Int32]) -> [UInt64] {
        let count = choices.items.count
        return [UInt64](unsafeUninitializedCapacity: count) { out, initialized in
            choices.starts.withUnsafeBufferPointer { choiceStart in
                choices.items.withUnsafeBufferPointer { items in
                    transposed.start.withUnsafeBufferPointer { start in
                        transposed.entries.withUnsafeBufferPointer { entries in
                            mark.withUnsafeMutableBufferPointer { mark in
                                for candidate in 0..<(choiceStart.count - 1) {
                                    let listed = Int(start[candidate])..<Int(start[candidate + 1])
                                    for slot in listed {
                                        let entry = entries[slot]
                                        mark[Int(UInt32(truncatingIfNeeded: entry))] = Int32(bitPattern: UInt32(truncatingIfNeeded: entry >> 32))
                                    }
                                    for index in Int(choiceStart[candidate])..<Int(choiceStart[candidate + 1]) {
                                        let vacancy = UInt32(bitPattern: items[index])
                                        let rank = UInt32(bitPattern: mark[Int(vacancy)])
                                        out[index] = UInt64(rank) << 32 | UInt64(vacancy)
                                    }
                                    for slot in listed { mark[Int(UInt32(truncatingIfNeeded: entries[slot]))] = -1 }
                                }
                            }
                        }
                    }
                }
            }
            initialized = count
        }
    }

    private static func coupleRanks(_ instance: MatchInstance, _ transposed: RankTranspose, mark: inout [Int32]) -> ([Int32], [Int]) {
        var ranks: [Int32] = []
        var offsets: [Int] = []
        for couple in instance.couples {
            offsets.append(ranks.count)
            var memberRanks: [[Int32]] = []
            for member in [couple.first, couple.second] {
                let listed = Int(transposed.start[Int(member)])..<Int(transposed.start[Int(member) + 1])
                for slot in listed {
                    let entry = transposed.entries[slot]
                    mark[Int(UInt32(truncatingIfNeeded: entry))] = Int32(bitPattern: UInt32(truncatingIfNeeded: entry >> 32))
                }
                memberRanks.append(couple.choices.map { pair in
                    let vacancy = member == couple.first ? pair.first : pair.second
                    return vacancy == CouplePair.none ? -1 : mark[Int(vacancy)]
                })
                for slot in listed { mark[Int(UInt32(truncatingIfNeeded: transposed.entries[slot]))] = -1 }
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
