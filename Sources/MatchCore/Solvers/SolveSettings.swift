/// Knobs of one solve. The defaults are what `talentmatch solve` uses.
public struct SolveSettings: Sendable, Equatable {
    /// Most sequential steps one pass of the couples heuristic takes before it stops repairing
    /// and winds down; nil means 50 × (couples' pairs + single rankings) + 10,000.
    public var coupleStepBudget: Int?
    /// Further passes of the couples heuristic, in other orders, while blocking pairs remain.
    public var reorderAttempts: Int
    /// Largest part of the market (in candidates) the exact search takes on.
    public var exactSearchCandidates: Int
    /// Most nodes the exact search visits.
    public var exactSearchBudget: Int

    public init(coupleStepBudget: Int? = nil, reorderAttempts: Int = 3, exactSearchCandidates: Int = 40, exactSearchBudget: Int = 200_000) {
        self.coupleStepBudget = coupleStepBudget
        self.reorderAttempts = reorderAttempts
        self.exactSearchCandidates = exactSearchCandidates
        self.exactSearchBudget = exactSearchBudget
    }
}
