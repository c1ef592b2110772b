extension InstanceGenerator {
    /// Each vacancy lists the candidates who applied to it (a few are left out, as if
    /// ineligible), ordered by a candidate-wide quality plus pair-specific noise.
    static func orderApplicants(_ settings: GeneratorSettings, _ market: inout SyntheticMarket, _ random: inout Xoshiro256StarStar) {
        let vacancyCount = settings.vacancies
        var count = [Int](repeating: 0, count: vacancyCount + 1)
        func forEachApplication(_ body: (Int32, Int32) -> Void) {
            for candidate in 0..<market.choices.count {
                for vacancy in market.choices[candidate] { body(Int32(candidate), vacancy) }
            }
            for couple in market.couples {
                for pair in couple.choices {
                    if pair.first >= 0 { body(couple.first, pair.first) }
                    if pair.second >= 0 { body(couple.second, pair.second) }
                }
            }
        }
        forEachApplication { _, vacancy in count[Int(vacancy) + 1] += 1 }
        for index in 0..<vacancyCount { count[index + 1] += count[index] }
        var fill = count
        var applicants = [Int32](repeating: -1, count: count[vacancyCount])
        forEachApplication { candidate, vacancy in
            applicants[fill[Int(vacancy)]] = candidate
            fill[Int(vacancy)] += 1
        }
        fill = []
        let quality = (0..<settings.candidates).map { _ in UInt32(truncatingIfNeeded: random.next() >> 40) }
        var starts: [Int32] = [0]
        var items: [Int32] = []
        items.reserveCapacity(applicants.count)
        var scores: [Double] = []
        var keys: [UInt64] = []
        var stamp = [Int32](repeating: -1, count: settings.candidates)
        for vacancy in 0..<vacancyCount {
            keys.removeAll(keepingCapacity: true)
            for index in count[vacancy]..<count[vacancy + 1] {
                let candidate = applicants[index]
                // A couple member may list the same vacancy in several pairs.
                guard stamp[Int(candidate)] != Int32(vacancy) else { continue }
                stamp[Int(candidate)] = Int32(vacancy)
                let noise = UInt32(truncatingIfNeeded: random.next() >> 42)
                if noise % 32 == 0 { continue }
                let merit = quality[Int(candidate)] + noise
                // Coarse merit when scores are asked for, so ties occur and the lottery matters.
                let bucket = settings.scores ? merit >> 19 : merit
                keys.append(UInt64(UInt32.max - bucket) << 32 | UInt64(UInt32(bitPattern: candidate)))
            }
            keys.sort()
            for key in keys {
                items.append(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF))
                if settings.scores { scores.append(Double(UInt32.max - UInt32(key >> 32)) / 10) }
            }
            starts.append(Int32(items.count))
        }
        market.priorities = IndexLists(starts: starts, items: items)
        market.priorityScores = scores
    }

    /// Nested caps on developed provinces (60% of their seats) and their capital prefectures
    /// (70%), with targets of half of each capped vacancy's seats; floors of half the seats of
    /// each key assistance county, inside a province cap of 90% of the province's seats.
    static func addConstraints(_ settings: GeneratorSettings, _ catalogue: ReferenceCatalogue, _ market: inout SyntheticMarket) {
        var seats: [String: Int] = [:]
        for (vacancy, county) in market.vacancyCounty.enumerated() {
            let digits = catalogue.counties[Int(county)].digits
            for length in [2, 4, 6] { seats[String(digits.prefix(length)), default: 0] += Int(market.capacities[vacancy]) }
        }
        var regions: [String: (cap: Int?, floor: Int?)] = [:]
        if settings.caps {
            for (code, total) in seats where code.count == 2 && developed.contains(code) {
                regions[code] = (total * 6 / 10, nil)
                let capital = code + "01"
                if let inner = seats[capital] { regions[capital] = (inner * 7 / 10, nil) }
            }
            for (vacancy, county) in market.vacancyCounty.enumerated()
            where regions[String(catalogue.counties[Int(county)].digits.prefix(2))] != nil {
                market.targets[vacancy] = market.capacities[vacancy] / 2
            }
        }
        if settings.floors {
            for county in catalogue.keyAssistanceCounties {
                guard let total = seats[county.digits], total > 0 else { continue }
                regions[county.digits] = (nil, max(1, total / 2))
                let province = String(county.digits.prefix(2))
                if regions[province] == nil, let all = seats[province] { regions[province] = (all * 9 / 10, nil) }
            }
        }
        market.regions = regions.keys.sorted().compactMap { code in
            RegionCode(code).map { RegionConstraint(code: $0, cap: regions[code]?.cap, floor: regions[code]?.floor) }
        }
    }
}
