import MatchCore
import MatchStore

/// The offices of a synthetic market of several offices, deterministic for a seed: one office
/// per province with posts, and prefecture offices (the prefectures with most posts) up to the
/// number asked for, nested under them. Each post belongs to the deepest office around it.
///
/// Every office has its own policy, drawn from a stream of its own (so the posts and people
/// of the plan are those of a one-office market of the same seed): weights around the standard
/// ones, an experience cap, for some a native-place weight with its reason; prefecture offices
/// in developed provinces cap their prefecture, province offices keep floors for key assistance
/// counties inside a province-wide cap.
struct SyntheticOffices {
    struct Office {
        var code: String
        var name: String
        /// The significant prefix: 2 digits for a province, 4 for a prefecture.
        var prefix: String
        var policy: PolicyDraft
    }

    /// Offices, provinces first, in code order within each level.
    let offices: [Office]
    /// Per vacancy of the plan, its office's position in `offices`.
    let officeOfVacancy: [Int]

    /// - Parameter prefectures: the prefecture codes in force (`511900`); a municipality's
    ///   counties have none and stay with their province's office.
    init(plan: SyntheticMarketPlan, settings: SyntheticSettings, keyCounties: Set<String>, prefectures: Set<String>) {
        let provinces = Array(Set(plan.vacancies.map { String($0.county.prefix(2)) })).sorted()
        var postsByPrefecture: [String: Int] = [:]
        for vacancy in plan.vacancies where prefectures.contains(String(vacancy.county.prefix(4)) + "00") {
            postsByPrefecture[String(vacancy.county.prefix(4)), default: 0] += 1
        }
        let prefectures = postsByPrefecture.keys.sorted { (postsByPrefecture[$0] ?? 0, $1) > (postsByPrefecture[$1] ?? 0, $0) }
            .prefix(max(0, settings.offices - provinces.count)).sorted()
        var random = Xoshiro256StarStar(seed: settings.seed ^ 0x6F66_6669_6365_7321)
        let prefixes = provinces + prefectures
        let position = Dictionary(uniqueKeysWithValues: prefixes.enumerated().map { ($0.element, $0.offset) })
        officeOfVacancy = plan.vacancies.map { position[String($0.county.prefix(4))] ?? position[String($0.county.prefix(2))] ?? 0 }
        var seats = [String: Int]()
        var targets = [String: Int]()
        for vacancy in plan.vacancies {
            for prefix in [String(vacancy.county.prefix(2)), String(vacancy.county.prefix(4)), vacancy.county] {
                seats[prefix, default: 0] += vacancy.seats
                targets[prefix, default: 0] += SyntheticOffices.target(seats: vacancy.seats)
            }
        }
        let counties = Set(plan.vacancies.map(\.county))
        offices = prefixes.map { prefix in
            let regions = Self.constraints(prefix: prefix, seats: seats, targets: targets, counties: counties, keyCounties: keyCounties)
            return Office(code: "\(settings.officeCode)-\(prefix)", name: "合成数据 \(prefix) 办公室 (synthetic)", prefix: prefix,
                          policy: Self.policy(&random, regions: regions))
        }
    }

    /// In a market of offices, half of a post's seats (rounded down) take precedence over its
    /// region's cap, so that caps can bind.
    static func target(seats: Int) -> Int { seats / 2 }

    /// A prefecture in a developed province is capped at three quarters of its seats (never
    /// below what its targets reserve); a province keeps a floor of up to 2 in each of up to
    /// three key assistance counties, inside a province-wide cap, where floors take effect.
    private static func constraints(
        prefix: String, seats: [String: Int], targets: [String: Int], counties: Set<String>, keyCounties: Set<String>
    ) -> [PolicyDraft.RegionSetting] {
        guard let code = RegionCode(prefix) else { return [] }
        if prefix.count == 4 {
            guard SyntheticSettings.developedProvinces.contains(String(prefix.prefix(2))) else { return [] }
            let cap = max(targets[prefix] ?? 0, (seats[prefix] ?? 0) * 3 / 4)
            return [.init(region: code, cap: cap, reason: "synthetic: an attractive prefecture")]
        }
        let floored = counties.filter { $0.hasPrefix(prefix) && keyCounties.contains($0) }.sorted().prefix(3)
        guard !floored.isEmpty else { return [] }
        return [.init(region: code, cap: seats[prefix] ?? 0, reason: "synthetic: province-wide, so that floors take effect")]
            + floored.compactMap { county in
                RegionCode(county).map { .init(region: $0, floor: min(2, seats[county] ?? 0), reason: "synthetic: key assistance county") }
            }
    }

    /// Weights around the standard ones; a third of offices weigh native place, with a reason.
    private static func policy(_ random: inout Xoshiro256StarStar, regions: [PolicyDraft.RegionSetting]) -> PolicyDraft {
        var weights = Policy.standard.weights
        for feature in ScoringFeature.allCases where feature != .nativePlace {
            weights[feature] = Double(Int(weights[feature] ?? 0) / 2 + Int(random.uniform(below: UInt64(Int(weights[feature] ?? 0) + 1))))
        }
        let native = random.uniform(below: 3) == 0
        weights[.nativePlace] = native ? Double(5 + random.uniform(below: 11)) : 0
        return PolicyDraft(
            weights: weights, experienceCap: 5 + Int(random.uniform(below: 11)),
            nativePlaceReason: native ? "synthetic: a return-of-natives programme" : nil, regions: regions,
            offerDays: 5 + Int(random.uniform(below: 10)), note: "synthetic policy"
        )
    }
}
