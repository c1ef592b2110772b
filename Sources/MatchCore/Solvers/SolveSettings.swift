/// Knobs of one solve. The defaults are what `talentmatch solve` uses.
public struct SolveSettings: Sendable, Equatable {
    /// Most sequential steps the couples heuristic takes before it stops repairing and
    /// winds down; nil means 50 × (couples' pairs + single rankings) + 10,000.
    public var coupleStepBudget: Int?

    public init(coupleStepBudget: Int? = nil) {
        self.coupleStepBudget = coupleStepBudget
    }
}
