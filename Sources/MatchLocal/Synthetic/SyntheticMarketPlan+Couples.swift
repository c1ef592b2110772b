import MatchStore

extension SyntheticMarketPlan {
    /// Couples for a share of the candidates, each with the joint ranking the gateway's pair
    /// helper would propose from the two partners' own lists (`PairProposal`): pairs of posts
    /// in one prefecture, else in one province, as long as a single candidate's list.
    ///
    /// Partners are neighbours in the plan's order, spread evenly over it (candidates are drawn
    /// independently, so any fixed choice is as random as the market), and no random draw is
    /// spent: the market's posts and people are those of the same seed without couples. Two
    /// neighbours whose lists share no province do not become a couple.
    func couples(share: Double, choices: Int) -> [MarketSeed.Couple] {
        let wanted = Int(Double(candidates.count) * share / 2)
        guard wanted > 0 else { return [] }
        let spacing = candidates.count / wanted
        return (0..<wanted).compactMap { index in
            let first = index * spacing
            let pairs = jointRanking(first, first + 1, limit: choices)
            return pairs.isEmpty ? nil : MarketSeed.Couple(first: first, second: first + 1, pairs: pairs)
        }
    }

    private func jointRanking(_ first: Int, _ second: Int, limit: Int) -> [MarketSeed.Couple.Pair] {
        let choices = { (candidate: Int) in
            candidates[candidate].ranking.map { PairProposal.Choice(vacancyID: Int64($0), regionCode: vacancies[Int($0)].county) }
        }
        for rule in [PairProposal.Rule.samePrefecture, .sameProvince] {
            let pairs = PairProposal.pairs(first: choices(first), second: choices(second), rule: rule, limit: limit)
            if !pairs.isEmpty {
                return pairs.compactMap { pair in
                    guard let a = pair.first, let b = pair.second else { return nil }
                    return MarketSeed.Couple.Pair(first: Int32(a), second: Int32(b))
                }
            }
        }
        return []
    }
}
