import MatchCore
import MatchStore

/// A synthetic market drawn from the real reference tables, deterministic for a seed.
///
/// Realistic skew, as the brief describes the field: developed provinces get more vacancies
/// and more seats per vacancy, and candidates rank them more often; key assistance counties
/// are ranked less. Candidates rank vacancies in their own discipline, so most ranked pairs
/// are eligible, as they are when people read the requirements before ranking.
struct SyntheticMarketPlan {
    struct Vacancy {
        var county: String
        var seats: Int
        var specialty: String
        var acceptedFit: String
        var minEducation: String
        var modes: [String]
    }

    struct Candidate {
        var specialty: String
        var education: String
        var title: String
        var years: Int
        var hukou: String
        var modes: [String]
        var hardship: Bool
        /// Vacancy positions (0-based) in `vacancies`, best first.
        var ranking: [Int32]
    }

    var vacancies: [Vacancy] = []
    var candidates: [Candidate] = []

    init(settings: SyntheticSettings, counties: [String], specialties: [String], keyCounties: Set<String>,
         progress: (String) -> Void) {
        var random = Xoshiro256StarStar(seed: settings.seed)
        let weights = counties.map { county in
            SyntheticSettings.developedProvinces.contains(String(county.prefix(2))) ? 3.0 : 1.0
        }
        let countyTable = WeightedChoice(weights: weights)
        vacancies = (0..<settings.vacancies).map { _ in
            let county = counties[countyTable.draw(&random)]
            let developed = SyntheticSettings.developedProvinces.contains(String(county.prefix(2)))
            return Vacancy(
                county: county, seats: developed ? 2 + Int(random.uniform(below: 5)) : 1 + Int(random.uniform(below: 5)),
                specialty: specialties[Int(random.uniform(below: UInt64(specialties.count)))],
                acceptedFit: random.uniform(below: 2) == 0 ? "same_discipline" : "same_class",
                minEducation: random.uniform(below: 10) < 7 ? "associate" : "bachelor",
                modes: random.uniform(below: 2) == 0 ? ["full_transfer"] : ["full_transfer", "part_time", "remote", "project"]
            )
        }
        progress("planned \(vacancies.count) vacancies with \(vacancies.reduce(0) { $0 + $1.seats }) seats")
        candidates = Self.candidates(settings: settings, vacancies: vacancies, counties: counties, specialties: specialties,
                                     keyCounties: keyCounties, random: &random, progress: progress)
    }

    private static func candidates(
        settings: SyntheticSettings, vacancies: [Vacancy], counties: [String], specialties: [String], keyCounties: Set<String>,
        random: inout Xoshiro256StarStar, progress: (String) -> Void
    ) -> [Candidate] {
        // Popularity per vacancy, and one weighted table per discipline.
        var byDiscipline: [String: [Int32]] = [:]
        for (index, vacancy) in vacancies.enumerated() { byDiscipline[String(vacancy.specialty.prefix(2)), default: []].append(Int32(index)) }
        let tables = byDiscipline.mapValues { members in
            WeightedChoice(weights: members.map { member in
                let county = vacancies[Int(member)].county
                if keyCounties.contains(county) { return 0.5 }
                return SyntheticSettings.developedProvinces.contains(String(county.prefix(2))) ? 4.0 : 1.0
            })
        }
        let disciplines = byDiscipline.keys.sorted()
        let specialtiesByDiscipline = Dictionary(grouping: specialties) { String($0.prefix(2)) }
        let educations = ["associate", "bachelor", "bachelor", "bachelor", "master", "doctorate"]
        var result: [Candidate] = []
        result.reserveCapacity(settings.candidates)
        for index in 0..<settings.candidates {
            let discipline = disciplines[Int(random.uniform(below: UInt64(disciplines.count)))]
            let inDiscipline = specialtiesByDiscipline[discipline] ?? []
            let members = byDiscipline[discipline] ?? []
            var ranking: [Int32] = []
            if let table = tables[discipline] {
                var seen = Set<Int32>()
                var attempts = 0
                while ranking.count < min(settings.choices, members.count), attempts < settings.choices * 8 {
                    let pick = members[table.draw(&random)]
                    if seen.insert(pick).inserted { ranking.append(pick) }
                    attempts += 1
                }
            }
            let flexibleOnly = random.uniform(below: 10) == 0
            result.append(Candidate(
                specialty: inDiscipline.isEmpty ? specialties[0] : inDiscipline[Int(random.uniform(below: UInt64(inDiscipline.count)))],
                education: educations[Int(random.uniform(below: UInt64(educations.count)))],
                title: ["none", "none", "junior", "intermediate"][Int(random.uniform(below: 4))],
                years: Int(random.uniform(below: 15)), hukou: counties[Int(random.uniform(below: UInt64(counties.count)))],
                modes: flexibleOnly ? ["part_time", "remote"] : ["full_transfer"], hardship: random.uniform(below: 3) == 0,
                ranking: ranking
            ))
            if (index + 1) % 200_000 == 0 { progress("planned \(index + 1) of \(settings.candidates) candidates") }
        }
        return result
    }
}

/// Draws indices in proportion to weights, by binary search over cumulative sums.
struct WeightedChoice {
    private let cumulative: [Double]

    init(weights: [Double]) {
        precondition(!weights.isEmpty && weights.allSatisfy { $0 >= 0 }, "weights are non-negative and not empty")
        var running = 0.0
        cumulative = weights.map { running += $0; return running }
    }

    func draw(_ random: inout Xoshiro256StarStar) -> Int {
        let target = Double(random.next() >> 11) / Double(1 << 53) * (cumulative.last ?? 0)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
