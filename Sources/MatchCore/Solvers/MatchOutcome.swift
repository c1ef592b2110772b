/// The matching a solver produced, with what is needed to publish it.
public struct MatchOutcome: Sendable, Equatable {
    /// Per candidate, the vacancy index they are placed at, or -1.
    public var assignment: [Int32]
    public var mechanism: Mechanism
    /// One entry per region with a floor, in the order of the instance's regions.
    public var floorShortfalls: [FloorShortfall]
    /// False when the couples heuristic detected a cycle or ran out of budget; the matching
    /// is then the best found and the verifier lists its blocking pairs.
    public var couplesConverged: Bool
    public var statistics: SolveStatistics

    public init(assignment: [Int32], mechanism: Mechanism, floorShortfalls: [FloorShortfall],
                couplesConverged: Bool, statistics: SolveStatistics) {
        self.assignment = assignment
        self.mechanism = mechanism
        self.floorShortfalls = floorShortfalls
        self.couplesConverged = couplesConverged
        self.statistics = statistics
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
