import MatchCore

extension NightlySnapshot {
    /// A confirmed couple as tonight reads it: partners by candidate id (the inviter first),
    /// and its joint ranking limited to pairs whose posts are all in tonight's market and
    /// whose unplaced partner still accepts that, each with its rank in the whole list.
    public struct Couple: Sendable, Equatable {
        public struct Pair: Sendable, Equatable {
            public let first: Int64?
            public let second: Int64?
            /// 1 = the couple's first pair.
            public let rank: Int
        }

        public let id: Int64
        public let first: Int64
        public let second: Int64
        public let pairs: [Pair]
    }

    /// The couples as the engine takes them: ids `c<id>` and `v<id>`, pairs naming a post no
    /// longer in the snapshot dropped (it was left out), couples with a partner not in the
    /// snapshot left out (the other is then matched alone).
    public func coupleRequests() -> [ProfileMatching.CoupleRequest] {
        let people = Set(candidates.map(\.id))
        let posts = Set(vacancies.map(\.id))
        return couples.filter { people.contains($0.first) && people.contains($0.second) }.map { couple in
            let ranking = couple.pairs.filter { pair in
                [pair.first, pair.second].allSatisfy { $0.map(posts.contains) ?? true }
            }.map { [$0.first.map(Self.vacancyKey), $0.second.map(Self.vacancyKey)] }
            return ProfileMatching.CoupleRequest(first: Self.candidateKey(couple.first), second: Self.candidateKey(couple.second),
                                                 ranking: ranking)
        }
    }
}
