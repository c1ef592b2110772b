/// Where a candidate's household registration (户口) is held. Sensitive personal data
/// (PIPL Art. 28): it is used only by explicit vacancy rules and the visible native-place
/// policy weight.
public struct HouseholdRegistration: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, Equatable, Hashable, CaseIterable {
        case agricultural, nonAgricultural = "non-agricultural", resident
    }

    public var region: RegionCode
    /// The registration type, where recorded.
    public var kind: Kind?

    public init(region: RegionCode, kind: Kind? = nil) {
        self.region = region
        self.kind = kind
    }
}
