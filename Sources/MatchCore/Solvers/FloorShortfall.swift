/// How far a region's placements fell short of its floor (0 when met).
public struct FloorShortfall: Sendable, Equatable {
    /// Index into the instance's `regions`.
    public var region: Int
    public var code: RegionCode
    public var floor: Int
    public var placed: Int
    public var shortfall: Int { max(0, floor - placed) }

    public init(region: Int, code: RegionCode, floor: Int, placed: Int) {
        self.region = region
        self.code = code
        self.floor = floor
        self.placed = placed
    }
}
