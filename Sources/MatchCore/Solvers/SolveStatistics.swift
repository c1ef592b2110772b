/// What a solve did, for the `stats` of a result.
public struct SolveStatistics: Sendable, Equatable {
    /// Applications made (each single's proposal and each couple's application to a pair).
    public var proposals: Int
    /// Rounds of the single candidates' deferred acceptance.
    public var rounds: Int
    /// Applications made by couples.
    public var coupleProposals: Int
    /// Sequential steps of the couples phase.
    public var coupleSteps: Int
    /// Seconds per phase, in the order they ran (e.g. "invert", "solve").
    public var seconds: [(phase: String, seconds: Double)]

    public init(proposals: Int = 0, rounds: Int = 0, coupleProposals: Int = 0, coupleSteps: Int = 0,
                seconds: [(phase: String, seconds: Double)] = []) {
        self.proposals = proposals
        self.rounds = rounds
        self.coupleProposals = coupleProposals
        self.coupleSteps = coupleSteps
        self.seconds = seconds
    }

    public static func == (lhs: SolveStatistics, rhs: SolveStatistics) -> Bool {
        lhs.proposals == rhs.proposals && lhs.rounds == rhs.rounds && lhs.coupleProposals == rhs.coupleProposals
            && lhs.coupleSteps == rhs.coupleSteps && lhs.seconds.elementsEqual(rhs.seconds) { $0 == $1 }
    }
}
