/// A distributional constraint on every vacancy whose region code starts with `code`.
public struct RegionConstraint: Sendable, Equatable {
    public var code: RegionCode
    /// Most candidates placed in the region (attractive regions), nil for none.
    public var cap: Int?
    /// Fewest candidates the office wants placed (underserved regions), nil for none.
    /// A floor is never forced: see docs/matching.md, "Floors".
    public var floor: Int?

    public init(code: RegionCode, cap: Int? = nil, floor: Int? = nil) {
        precondition((cap ?? 0) >= 0 && (floor ?? 0) >= 0, "caps and floors are non-negative")
        self.code = code
        self.cap = cap
        self.floor = floor
    }
}
