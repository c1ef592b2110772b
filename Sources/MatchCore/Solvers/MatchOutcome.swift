/// The matching a solver produced, with what is needed to publish it.
public struct MatchOutcome: Sendable, Equatable {
    /// Per candidate, the vacancy index they are placed at, or -1.
    public var assignment: [Int32]
    public var mechanism: Mechanism
    /// One entry per region with a floor, in the order of the instance's regions.
    public var floorShortfalls: [FloorShortfall]
    /// How the couples phase ended (`.noCouples` without couples); see ADR 0039.
    public var couplesSettlement: CouplesSettlement
    public var statistics: SolveStatistics

    public init(assignment: [Int32], mechanism: Mechanism, floorShortfalls: [FloorShortfall],
                couplesSettlement: CouplesSettlement, statistics: SolveStatistics) {
        self.assignment = assignment
        self.mechanism = mechanism
        self.floorShortfalls = floorShortfalls
        self.couplesSettlement = couplesSettlement
        self.statistics = statistics
    }

    /// False when the couples phase fell back (no stable matching found or none exists): the
    /// matching is then the best found, for review, and the verifier lists its blocking pairs.
    public var couplesConverged: Bool { couplesSettlement.isSettled }

    /// Whether the matching may be released: the engine settled and the independent verifier
    /// finds it feasible and stable. Anything else is held for review (ADR 0039).
    public func isReleasable(verifiedBy report: VerificationReport) -> Bool {
        couplesSettlement.isSettled && report.isStable && report.isFeasible
    }

    /// Candidates placed at each vacancy, in candidate order.
    public func holders(vacancyCount: Int) -> [[Int32]] {
        var result = [[Int32]](repeating: [], count: vacancyCount)
        for (candidate, vacancy) in assignment.enumerated() where vacancy >= 0 {
            result[Int(vacancy)].append(Int32(candidate))
        }
        return result
    }
}
