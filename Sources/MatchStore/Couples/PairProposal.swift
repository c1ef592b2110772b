/// The gateway's help with a joint ranking: from each partner's own ranking, the pairs of
/// posts that lie close enough together under the rule the couple picks, best first.
///
/// Order: by the sum of the two posts' places in their own lists (a pair of two first
/// choices comes first), then by the worse of the two places (a balanced pair before a
/// lopsided one of the same sum), then by the inviter's place. Both partners' wishes weigh
/// the same, and the order is the same whoever asks.
public struct PairProposal: Sendable {
    public enum Rule: String, Sendable, CaseIterable {
        case sameCounty = "county"
        case samePrefecture = "prefecture"
        case sameProvince = "province"

        /// How many leading digits of a six-digit region code must agree.
        var digits: Int {
            switch self {
            case .sameCounty: 6
            case .samePrefecture: 4
            case .sameProvince: 2
            }
        }
    }

    /// A post in a partner's own ranking: its id and region code, in list order.
    public struct Choice: Sendable, Equatable {
        public let vacancyID: Int64
        public let regionCode: String

        public init(vacancyID: Int64, regionCode: String) {
            self.vacancyID = vacancyID
            self.regionCode = regionCode
        }
    }

    /// The proposed pairs, at most `limit`.
    public static func pairs(
        first: [Choice], second: [Choice], rule: Rule, limit: Int = JointRankingStore.maximumLength
    ) -> [JointRankingStore.Pair] {
        var candidates: [(sum: Int, worst: Int, firstPlace: Int, pair: JointRankingStore.Pair)] = []
        for (i, a) in first.enumerated() {
            for (j, b) in second.enumerated() where a.regionCode.prefix(rule.digits) == b.regionCode.prefix(rule.digits) {
                candidates.append((i + j, max(i, j), i, JointRankingStore.Pair(first: a.vacancyID, second: b.vacancyID)))
            }
        }
        candidates.sort { ($0.sum, $0.worst, $0.firstPlace) < ($1.sum, $1.worst, $1.firstPlace) }
        return candidates.prefix(limit).map(\.pair)
    }
}
