/// Everything the verifier found wrong with a matching.
public struct VerificationReport: Sendable, Equatable {
    public var violations: [Violation]
    /// Which notion of stability was checked: "standard" or "kamada-kojima".
    public var stabilityNotion: String

    public init(violations: [Violation], stabilityNotion: String) {
        self.violations = violations
        self.stabilityNotion = stabilityNotion
    }

    /// Feasible (capacities, caps, acceptability, couples) and without blocking pairs.
    public var isStable: Bool { violations.isEmpty }
    public var isFeasible: Bool { !violations.contains { !$0.isBlocking } }
}
