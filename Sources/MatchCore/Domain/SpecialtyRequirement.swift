/// A specialty a vacancy asks for, and which rungs of the fit ladder it accepts.
public struct SpecialtyRequirement: Sendable, Equatable, Hashable {
    public var code: SpecialtyCode
    /// Accepted rungs, e.g. `[.sameCode, .sameClass]`; never contains `.none`.
    public var accepted: Set<SpecialtyFit>

    public init(code: SpecialtyCode, accepted: Set<SpecialtyFit> = [.sameCode]) {
        precondition(!accepted.isEmpty && !accepted.contains(.none), "a requirement accepts at least one real rung of fit")
        self.code = code
        self.accepted = accepted
    }
}
