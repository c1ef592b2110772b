/// Builds vacancy-side priorities from profiles in three flat passes (ADR 0014):
///
/// 1. **Score**: for every ranked pair, in candidate order, `PairTable.scaledScore` gives
///    eligibility and the score × 10,000 (an integer) with no allocation; each vacancy
///    counts its eligible candidates.
/// 2. **Bucket**: a counting sort by vacancy writes one 64-bit key per eligible pair,
///    `(0x7FFF_FFFF − score × 10,000) << 32 | lottery number`, into its vacancy's range.
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

    /// The pairs' pass-1 marks and the per-vacancy tallies they produce.
    struct Tally {
        var counts: [Int32]
        var irregular: [Bool]
        var stamp: [Int32]
    }

    /// - Precondition: `choices` and couples index the assessment's profiles.
    func build(choices: IndexLists, couples: [Couple]) -> (priorities: IndexLists, scores: [Double]) {
        let vacancyCount = assessment.vacancies.count
        precondition(choices.count == assessment.candidates.count, "one choice list per candidate")
        let table = PairTable(candidates: assessment.candidates, vacancies: assessment.vacancies, policy: assessment.policy)
        var tally = Tally(
            counts: [Int32](repeating: 0, count: vacancyCount), irregular: [Bool](repeating: false, count: vacancyCount),
            stamp: [Int32](repeating: -1, count: vacancyCount)
        )
        let marks = scoreChoices(choices, table: table, tally: &tally)
        let coupleEntries = scoreCouples(couples, table: table, tally: &tally)
        var starts = [Int32](repeating: 0, count: vacancyCount + 1)
        var total = 0
        for vacancy in 0..<vacancyCount {
            total += Int(tally.counts[vacancy])
            precondition(total <= Int(Int32.max), "at most 2^31 − 1 eligible pairs")
            starts[vacancy + 1] = Int32(total)
        }
        var keys = bucket(choices: choices, marks: marks, couples: coupleEntries, starts: starts, total: total)
        return order(&keys, starts: starts, irregular: tally.irregular)
    }

    /// Marks one pair (pass 1): its scaled score, `irregular`, or `excluded`.
    @inline(__always)
    func mark(_ candidate: Int32, _ vacancy: Int32, table: PairTable, tally: inout Tally) -> UInt32 {
        let v = Int(vacancy)
        // All of one candidate's pairs are considered together, so a stamp per vacancy is
        // enough to skip repeats (a couple member may list a vacancy in several pairs).
        guard tally.stamp[v] != candidate else { return Self.excluded }
        tally.stamp[v] = candidate
        guard let scaled = table.scaledScore(candidate: Int(candidate), vacancy: v) else { return Self.excluded }
        tally.counts[v] += 1
        // `scaled` is integral when finite; NaN fails both compares.
        guard scaled >= 0, scaled <= Double(Self.scoreBias) else {
            tally.irregular[v] = true
            return Self.irregular
        }
        return UInt32(scaled)
    }

    /// Pass 1 for single rankings, in candidate order: one mark per ranked pair.
    func scoreChoices(_ choices: IndexLists, table: PairTable, tally: inout Tally) -> [UInt32] {
        let items = choices.items
        return [UInt32](unsafeUninitializedCapacity: items.count) { marks, initialized in
            items.withUnsafeBufferPointer { items in
                choices.starts.withUnsafeBufferPointer { starts in
                    for candidate in 0..<starts.count - 1 {
                        for index in Int(starts[candidate])..<Int(starts[candidate + 1]) {
                            marks[index] = mark(Int32(candidate), items[index], table: table, tally: &tally)
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
        for couple in couples {
            for pair in couple.choices where pair.first >= 0 {
                entries.append((couple.first, pair.first, mark(couple.first, pair.first, table: table, tally: &tally)))
            }
            for pair in couple.choices where pair.second >= 0 {
                entries.append((couple.second, pair.second, mark(couple.second, pair.second, table: table, tally: &tally)))
            }
        }
        return entries
    }
}
