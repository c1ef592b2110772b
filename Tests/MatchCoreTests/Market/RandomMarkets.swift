@testable import MatchCore

/// Random markets of 2 to 5 offices drawn from a seed: nested offices (a province above
/// prefectures above a county), each with its own policy, caps and floors inside its region
/// and posts in its counties; candidates who rank posts of several offices; seats already
/// held by earlier nights. Small enough to enumerate every matching.
struct RandomMarkets {
    /// Offices nest by region: 川 above 巴中, 成都 and 广元, 巴中 above 通江.
    static let pool: [(code: String, region: String, counties: [String])] = [
        ("SC-HR", "51", ["510104", "511902", "511921", "510802"]),
        ("BZ-HR", "5119", ["511902", "511921"]),
        ("CD-HR", "5101", ["510104"]),
        ("GY-HR", "5108", ["510802"]),
        ("TJ-HR", "511921", ["511921"]),
    ]

    var profiles: RandomProfiles

    init(seed: Int) {
        profiles = RandomProfiles(seed: seed)
    }

    struct Market {
        var offices: [MarketMatching.Office]
        var candidates: [CandidateProfile]
        var held: [RegionCode: Int]
        /// Every post's id, offices in the order listed.
        var vacancyIDs: [String] { offices.flatMap { $0.vacancies.map(\.id) } }
    }

    /// - Parameters:
    ///   - candidates, postsPerOffice: the market's size.
    mutating func market(candidates: ClosedRange<Int>, postsPerOffice: ClosedRange<Int>) throws -> Market {
        var chosen = Self.pool.indices.filter { _ in profiles.chance(60) }
        while chosen.count < 2 { chosen.append(Self.pool.indices.filter { !chosen.contains($0) }[0]) }
        var offices: [MarketMatching.Office] = []
        for index in chosen {
            let spec = Self.pool[index]
            var policy = try profiles.policy()
            policy = try Policy(version: "\(spec.code) v\(profiles.int(1...3))", weights: policy.weights,
                                experienceCap: policy.experienceCap, nativePlaceReason: policy.nativePlaceReason)
            let posts = try (0..<profiles.int(postsPerOffice)).map { post -> VacancyProfile in
                var vacancy = try profiles.vacancy(id: "\(spec.code)/\(post)")
                vacancy.region = RegionCode(profiles.element(spec.counties))
                vacancy.seats = profiles.int(1...2)
                if profiles.chance(50) { vacancy.requiredSpecialties = [] }
                vacancy.minimumTitle = nil
                vacancy.target = profiles.int(0...vacancy.seats)
                vacancy.householdRules = try vacancy.householdRules.map { rule in
                    try HouseholdRegistrationRule(region: rule.region, legalBasis: rule.legalBasis, kind: profiles.chance(50) ? .within : .outside)
                }
                return vacancy
            }
            let inside = Self.pool.filter { $0.region.hasPrefix(spec.region) }.map(\.region) + spec.counties
            let regions = (0..<profiles.int(0...2)).compactMap { _ -> RegionConstraint? in
                guard let code = RegionCode(profiles.element(inside)) else { return nil }
                let cap: Int? = profiles.chance(70) ? profiles.int(0...4) : nil
                let floor: Int? = cap == nil || profiles.chance(50) ? profiles.int(0...3) : nil
                return RegionConstraint(code: code, cap: cap, floor: floor)
            }
            offices.append(.init(code: spec.code, policy: policy, regions: regions, vacancies: posts))
        }
        let ids = offices.flatMap { $0.vacancies.map(\.id) }
        let people = (0..<profiles.int(candidates)).map { index -> CandidateProfile in
            var candidate = profiles.candidate(id: "c\(index)")
            // Lenient profiles, so that most ranked pairs are eligible and posts compete.
            candidate.acceptedModes = Set(IntroductionMode.allCases)
            candidate.education = .doctorate
            var ranked = ids
            for position in ranked.indices.reversed() where position > 0 { ranked.swapAt(position, profiles.int(0...position)) }
            candidate.ranking = Array(ranked.prefix(profiles.int(1...min(3, ranked.count))))
            return candidate
        }
        var held: [RegionCode: Int] = [:]
        for region in ["51", "5119", "511921", "5101"] where profiles.chance(25) {
            if let code = RegionCode(region) { held[code] = profiles.int(1...3) }
        }
        return Market(offices: offices, candidates: people, held: held)
    }

    /// A random order of `count` items.
    mutating func shuffled(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        for position in order.indices.reversed() where position > 0 { order.swapAt(position, profiles.int(0...position)) }
        return order
    }
}
