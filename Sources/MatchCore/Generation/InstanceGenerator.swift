/// Writes synthetic `talentmatch.instance/1` documents at any size with the skew of the real
/// market: developed provinces and provincial capitals are popular, key assistance counties
/// post more vacancies but attract fewer applicants. Deterministic for a given seed.
public enum InstanceGenerator {
    /// Developed provinces (Beijing, Tianjin, Shanghai, Jiangsu, Zhejiang, Fujian, Shandong, Guangdong).
    static let developed: Set<String> = ["11", "12", "31", "32", "33", "35", "37", "44"]

    public static func generate(
        _ settings: GeneratorSettings, catalogue: ReferenceCatalogue, progress: (String) -> Void = { _ in }
    ) -> [UInt8] {
        var random = Xoshiro256StarStar(seed: settings.seed)
        var market = SyntheticMarket()
        progress("placing \(settings.vacancies) vacancies")
        placeVacancies(settings, catalogue, &market, &random)
        progress("drawing rankings for \(settings.candidates) candidates")
        drawRankings(settings, catalogue, &market, &random)
        progress("ordering applicants at each vacancy")
        orderApplicants(settings, &market, &random)
        if settings.caps || settings.floors { addConstraints(settings, catalogue, &market) }
        progress("writing JSON")
        return InstanceWriter.write(market, settings: settings, catalogue: catalogue)
    }

    static func popularity(_ county: RegionCode, _ catalogue: ReferenceCatalogue) -> Double {
        var weight = 1.0
        let digits = county.digits
        if developed.contains(String(digits.prefix(2))) { weight *= 4 }
        if digits.dropFirst(2).prefix(2) == "01" { weight *= 3 }
        if catalogue.keyAssistanceCounties.contains(county) { weight *= 0.3 }
        return weight
    }

    private static func placeVacancies(
        _ settings: GeneratorSettings, _ catalogue: ReferenceCatalogue, _ market: inout SyntheticMarket, _ random: inout Xoshiro256StarStar
    ) {
        let counties = AliasTable(weights: catalogue.counties.map { catalogue.keyAssistanceCounties.contains($0) ? 2 : 1 })
        let span = UInt64(settings.seats.count)
        for _ in 0..<settings.vacancies {
            market.vacancyCounty.append(Int32(counties.draw(using: &random)))
            market.capacities.append(Int32(settings.seats.lowerBound + Int(random.uniform(below: span))))
        }
        market.targets = [Int32](repeating: 0, count: settings.vacancies)
    }

    private static func drawRankings(
        _ settings: GeneratorSettings, _ catalogue: ReferenceCatalogue, _ market: inout SyntheticMarket, _ random: inout Xoshiro256StarStar
    ) {
        let weights = market.vacancyCounty.map { county in
            // County popularity times a heavy-tailed appeal of the vacancy itself.
            let appeal = 1 / (Double(random.next() >> 11) * 0x1p-53 + 0.05)
            return popularity(catalogue.counties[Int(county)], catalogue) * appeal
        }
        let table = AliasTable(weights: weights)
        let length = min(settings.choices, settings.vacancies)
        let coupleCount = Int(Double(settings.candidates) * settings.coupleShare / 2)
        let singles = settings.candidates - 2 * coupleCount
        var stamp = [Int32](repeating: -1, count: settings.vacancies)
        market.choices.reserveCapacity(lists: settings.candidates, items: singles * length)
        var list: [Int32] = []
        for candidate in 0..<settings.candidates {
            list.removeAll(keepingCapacity: true)
            if candidate < singles {
                var attempts = 0
                while list.count < length, attempts < 20 * length {
                    attempts += 1
                    let vacancy = table.draw(using: &random)
                    if stamp[vacancy] == Int32(candidate) { continue }
                    stamp[vacancy] = Int32(candidate)
                    list.append(Int32(vacancy))
                }
            }
            market.choices.append(contentsOf: list)
        }
        market.couples = CoupleDraw.couples(
            count: coupleCount, firstMember: singles, market: market, catalogue: catalogue, table: table, random: &random
        )
    }
}
