/// Joint rankings for synthetic couples: pairs of vacancies in the same prefecture (the
/// couple moves together), best pairs drawn by popularity, with a few pairs that place only
/// the first member.
enum CoupleDraw {
    static func couples(
        count: Int, firstMember: Int, market: SyntheticMarket, catalogue: ReferenceCatalogue,
        table: AliasTable, random: inout Xoshiro256StarStar
    ) -> [Couple] {
        guard count > 0 else { return [] }
        var byPrefecture: [String: [Int32]] = [:]
        for (vacancy, county) in market.vacancyCounty.enumerated() {
            byPrefecture[String(catalogue.counties[Int(county)].digits.prefix(4)), default: []].append(Int32(vacancy))
        }
        var result: [Couple] = []
        for index in 0..<count {
            var pairs: [CouplePair] = []
            var seen = Set<Int64>()
            for attempt in 0..<40 where pairs.count < 12 {
                let first = Int32(table.draw(using: &random))
                let prefecture = String(catalogue.counties[Int(market.vacancyCounty[Int(first)])].digits.prefix(4))
                let options = byPrefecture[prefecture] ?? [first]
                var second = options[Int(random.uniform(below: UInt64(options.count)))]
                if attempt % 6 == 5 { second = CouplePair.none }
                if second == first, market.capacities[Int(first)] < 2 { continue }
                guard seen.insert(Int64(first) << 32 | Int64(UInt32(bitPattern: second))).inserted else { continue }
                pairs.append(CouplePair(first: first, second: second))
            }
            let member = Int32(firstMember + 2 * index)
            result.append(Couple(first: member, second: member + 1, choices: pairs))
        }
        return result
    }
}
