extension PriorityBuilder {
    /// Pass 2: a stable counting sort of the eligible pairs by vacancy, singles in candidate
    /// order and then couples, exactly the reference's append order.
    func bucket(
        choices: IndexLists, marks: [UInt32], couples: [(candidate: Int32, vacancy: Int32, mark: UInt32)], starts: [Int32], total: Int,
        layout: PriorityKey
    ) -> [UInt64] {
        var cursor = starts
        return [UInt64](unsafeUninitializedCapacity: total) { keys, initialized in
            lottery.numbers.withUnsafeBufferPointer { numbers in
                marks.withUnsafeBufferPointer { marks in
                    choices.items.withUnsafeBufferPointer { items in
                        choices.starts.withUnsafeBufferPointer { listStarts in
                            cursor.withUnsafeMutableBufferPointer { cursor in
                                for candidate in 0..<listStarts.count - 1 {
                                    for index in Int(listStarts[candidate])..<Int(listStarts[candidate + 1]) where marks[index] != Self.excluded {
                                        let vacancy = Int(items[index])
                                        keys[Int(cursor[vacancy])] = layout.key(candidate: Int32(candidate), lottery: numbers[candidate], mark: marks[index])
                                        cursor[vacancy] += 1
                                    }
                                }
                                for entry in couples where entry.mark != Self.excluded {
                                    let vacancy = Int(entry.vacancy)
                                    keys[Int(cursor[vacancy])] = layout.key(candidate: entry.candidate, lottery: numbers[Int(entry.candidate)], mark: entry.mark)
                                    cursor[vacancy] += 1
                                }
                            }
                        }
                    }
                }
            }
            initialized = total
        }
    }

    /// Pass 3: sorts each vacancy's keys and decodes them into candidates and scores.
    func order(_ keys: inout [UInt64], starts: [Int32], irregular: [Bool], layout: PriorityKey) -> (priorities: IndexLists, scores: [Double]) {
        let total = keys.count
        // The lottery is a permutation: its inverse turns a lottery number back into a candidate.
        var drawn = [Int32](repeating: 0, count: layout.packsCandidate ? 0 : lottery.numbers.count)
        if !layout.packsCandidate {
            for (candidate, number) in lottery.numbers.enumerated() { drawn[Int(number)] = Int32(candidate) }
        }
        var items = [Int32](repeating: 0, count: total)
        var scores = [Double](repeating: 0, count: total)
        keys.withUnsafeMutableBufferPointer { keys in drawn.withUnsafeBufferPointer { drawn in
            for vacancy in 0..<starts.count - 1 {
                let range = Int(starts[vacancy])..<Int(starts[vacancy + 1])
                var list = UnsafeMutableBufferPointer(rebasing: keys[range])
                if irregular[vacancy] {
                    orderByReference(list, vacancy: vacancy, candidates: { layout.candidate($0, drawn: drawn) }, into: range, items: &items, scores: &scores)
                    continue
                }
                list.sort()
                for (offset, key) in list.enumerated() {
                    items[range.lowerBound + offset] = layout.candidate(key, drawn: drawn)
                    scores[range.lowerBound + offset] = layout.score(key)
                }
            }
        } }
        return (IndexLists(starts: starts, items: items), scores)
    }

    /// The reference scoring and sort for one vacancy whose scores have no integer key.
    func orderByReference(
        _ list: UnsafeMutableBufferPointer<UInt64>, vacancy: Int, candidates: (UInt64) -> Int32, into range: Range<Int>,
        items: inout [Int32], scores: inout [Double]
    ) {
        var entries = list.map { key in
            let candidate = candidates(key)
            return (candidate: candidate, score: assessment.breakdown(candidate: Int(candidate), vacancy: vacancy).score)
        }
        PairAssessment.order(&entries, lottery: lottery)
        for (offset, entry) in entries.enumerated() {
            items[range.lowerBound + offset] = entry.candidate
            scores[range.lowerBound + offset] = entry.score
        }
    }
}
