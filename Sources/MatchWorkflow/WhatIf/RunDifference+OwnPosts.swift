import MatchStore

extension RunDifference {
    /// One of the draft office's posts whose set of candidates differs from the committed
    /// night's: how many it had, how many it has now, who joined and who left (as counts; the
    /// people themselves are in the offers, not here).
    public struct PostChange: Sendable, Equatable {
        public let vacancyID: Int64
        public let title: String
        public let region: String
        public let seats: Int
        public let before: Int
        public let after: Int
        public let joined: Int
        public let left: Int
    }

    /// One region of the draft office's posts: seats, and placements before and after.
    public struct RegionFill: Sendable, Equatable {
        public let region: String
        public let seats: Int
        public let before: Int
        public let after: Int
    }
}
