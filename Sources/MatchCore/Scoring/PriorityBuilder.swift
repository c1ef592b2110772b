/// Builds vacancy-side priorities from profiles in three flat passes (ADR 0014):
///
/// 1. **Score**: for every ranked pair, in candidate order, `PairTable.scaledScore` gives
///    eligibility and the score × 10,000 (an integer) with no allocation; each vacancy
///    counts its eligible candidates.
/// 2. **Bucket**: a counting sort by vacancy writes one 64-bit `PriorityKey` per eligible
///    pair (score, lottery number and, when they fit, the candidate) into its vacancy's range.
/// 3. **Order**: each vacancy's keys are sorted as plain integers — ascending key is
///    higher score first, then lower lottery number, the order `PairAssessment.order`
///    defines — and decoded into candidates and scores.
///
/// A vacancy with a score that is not an integer number of 1/10,000ths in `0 ..< 2^31 / 10^4`
/// (only with weights whose sum overflows to infinity, giving NaN) is scored and sorted by the
/// reference path instead, in the same append order, so the output is identical everywhere.
struct PriorityBuilder {
    let assessment: PairAssessment
    let lottery: Lottery

    /// Pass-1 marks: the pair is not listed (ineligible or a repeat).
    static let excluded: UInt32 = .max
    /// Pass-1 marks: eligible, but the score has no integer key.
    static let irregular: UInt32 = .max - 1
    /// Keys hold `scoreBias − scaled score` in their high half.
    static let scoreBias: UInt32 = 0x7FFF_FFFF

    /// Pass-1 bookkeeping per vacancy, side by side so one cache line serves both.
    struct Slot {
        /// The last candidate who considered the vacancy: all of one candidate's pairs are
        /// considered together, so this skips repeats (a couple member may list a vacancy
        /// in several pairs).
        var stamp: Int32 = -1
        /// Eligible candidates so far.
        var count: Int32 = 0
    }

    /// The per-vacancy tallies of pass 1.
    struct Tally {
        var slots: [Slot]
        /// Vacancies with a score that has no integer key.
        var irregular: [Bool]
        /// The largest regular scaled score.
        var largest: UInt32 = 0
    }

    /// - Precondition: `choices` and couples index the assessment's profiles.
    func build(choices: IndexLists, couples: [Couple]) -> (priorities: IndexLists, scores: [Double]) {
        let vacancyCount = assessment.vacancies.count
        precondition(choices.count == assessment.candidates.count, "one choice list per candidate")
        let table = PairTable(candidates: assessment.candidates, vacancies: assessment.vacancies, policies: assessment.policies)
        var tally = Tally(slots: [Slot](repeating: Slot(), count: vacancyCount), irregular: [Bool](repeating: false, count: vacancyCount))
        let marks = scoreChoices(choices, table: table, tally: &tally)
        let coupleEntries = scoreCouples(couples, table: table, tally: &tally)
        var starts = [Int32](repeating: 0, count: vacancyCount + 1)
        var total = 0
        for vacancy in 0..<vacancyCount {
            total += Int(tally.slots[vacancy].count)
            precondition(total <= Int(Int32.max), "at most 2^31 − 1 eligible pairs")
            starts[vacancy + 1] = Int32(total)
        }
        let layout = PriorityKey(candidates: assessment.candidates.count, largest: tally.largest)
        var keys = bucket(choices: choices, marks: marks, couples: coupleEntries, starts: starts, total: total, layout: layout)
        return order(&keys, starts: starts, irregular: tally.irregular, layout: layout)
    }

    /// Marks one pair (pass 1): its scaled score, `irregular`, or `excluded`.
    @inline(__always)
    func mark(
        _ candidate: Int32, _ vacancy: Int32, _ person: CandidateTraits, _ post: VacancyTraits, table: PairTable,
        slots: UnsafeMutableBufferPointer<Slot>, irregular: inout [Bool], largest: inout UInt32
    ) -> UInt32 {
        let v = Int(vacancy)
        guard slots[v].stamp != candidate else { return Self.excluded }
        slots[v].stamp = candidate
        guard let scaled = table.scaledScore(person, post) else { return Self.excluded }
        slots[v].count += 1
        // `scaled` is integral when finite; NaN fails both compares.
        guard scaled >= 0, scaled <= Double(Self.scoreBias) else {
            irregular[v] = true
            return Self.irregular
        }
        let mark = UInt32(scaled)
        largest = max(largest, mark)
        return mark
    }

    /// Pass 1 for single rankings, in candidate order: one mark per ranked pair. A
    /// candidate's vacancies are first copied to a scratch list, a loop of independent
    /// loads whose cache misses overlap, and then scored from there.
    func scoreChoices(_ choices: IndexLists, table: PairTable, tally: inout Tally) -> [UInt32] {
        let items = choices.items
        var longest = 0
        for candidate in 0..<choices.count { longest = max(longest, choices.range(of: candidate).count) }
        let gathered = UnsafeMutableBufferPointer<VacancyTraits>.allocate(capacity: longest)
        defer { gathered.deallocate() }
        return [UInt32](unsafeUninitializedCapacity: items.count) { marks, initialized in
            items.withUnsafeBufferPointer { items in
                choices.starts.withUnsafeBufferPointer { starts in
                    table.vacancies.withUnsafeBufferPointer { vacancies in
                        tally.slots.withUnsafeMutableBufferPointer { slots in
                            for candidate in 0..<starts.count - 1 {
                                let (first, end) = (Int(starts[candidate]), Int(starts[candidate + 1]))
                                for index in first..<end { gathered.initializeElement(at: index - first, to: vacancies[Int(items[index])]) }
                                let person = table.candidates[candidate]
                                for index in first..<end {
                                    marks[index] = mark(
                                        Int32(candidate), items[index], person, gathered[index - first], table: table, slots: slots,
                                        irregular: &tally.irregular, largest: &tally.largest
                                    )
                                }
                            }
                        }
                    }
                }
            }
            initialized = items.count
        }
    }

    /// Pass 1 for couples, after all singles (the reference order): first members' pairs,
    /// then second members', couple by couple.
    func scoreCouples(_ couples: [Couple], table: PairTable, tally: inout Tally) -> [(candidate: Int32, vacancy: Int32, mark: UInt32)] {
        var entries: [(candidate: Int32, vacancy: Int32, mark: UInt32)] = []
        tally.slots.withUnsafeMutableBufferPointer { slots in
            func add(_ candidate: Int32, _ vacancy: Int32) {
                let person = table.candidates[Int(candidate)]
                let post = table.vacancies[Int(vacancy)]
                entries.append((candidate, vacancy, mark(candidate, vacancy, person, post, table: table, slots: slots, irregular: &tally.irregular, largest: &tally.largest)))
            }
            for couple in couples {
                for pair in couple.choices where pair.first >= 0 { add(couple.first, pair.first) }
                for pair in couple.choices where pair.second >= 0 { add(couple.second, pair.second) }
            }
        }
        return entries
    }
}
