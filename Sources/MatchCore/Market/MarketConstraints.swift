/// Tonight's regional constraints of a market: every office's caps and floors on one set of
/// regions, less what earlier nights hold, made consistent with the seats reserved beneath
/// them (ADR 0030).
///
/// 1. **Merge.** Offices nest (province ⊃ prefecture ⊃ county) and may constrain the same
///    region: there the smallest cap and the largest floor apply. Regions are listed by code,
///    so the result does not depend on the order offices are listed in.
/// 2. **Earlier nights.** A cap of 12 means 12 people, not 12 a night: seats already held in
///    the region by pending or accepted offers count against its cap and towards its floor.
/// 3. **Reconcile.** A cap must leave room for the targets and floors beneath it (otherwise
///    the instance is refused, and one office's setting would stop the whole market's night).
///    Caps are hard and reservations are not, so reservations give way: top-down, each
///    region's room (its cap, within its parents' room) goes first to the targets of its own
///    vacancies in instance order, then to its child regions in code order; a floor is
///    lowered to the room it has. Every change is reported as an `Adjustment`.
public struct MarketConstraints: Sendable, Equatable {
    /// A reservation lowered to fit under a cap.
    public struct Adjustment: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case floorLowered = "floor-lowered"
            case targetLowered = "target-lowered"
        }

        public let kind: Kind
        /// The region whose floor was lowered, or the enclosing capped region of a target.
        public let region: RegionCode
        /// The vacancy (instance position) whose target was lowered.
        public let vacancy: Int?
        public let from: Int
        public let to: Int
    }

    /// Tonight's constraints, one per region, in code order.
    public let regions: [RegionConstraint]
    /// Tonight's targets, one per vacancy.
    public let targets: [Int32]
    public let adjustments: [Adjustment]

    /// - Parameters:
    ///   - constraints: every office's caps and floors, in any order.
    ///   - held: seats held in each region by earlier nights' pending and accepted offers.
    ///   - vacancyRegions: tonight's vacancies' regions, in instance order.
    ///   - targets: their targets (each within its capacity).
    public init(merging constraints: [RegionConstraint], held: [RegionCode: Int] = [:], vacancyRegions: [RegionCode?], targets: [Int32]) {
        precondition(vacancyRegions.count == targets.count, "one region and one target per vacancy")
        var merged: [RegionCode: RegionConstraint] = [:]
        for constraint in constraints {
            var region = merged[constraint.code] ?? RegionConstraint(code: constraint.code)
            if let cap = constraint.cap { region.cap = min(region.cap ?? cap, cap) }
            if let floor = constraint.floor { region.floor = max(region.floor ?? floor, floor) }
            merged[constraint.code] = region
        }
        let tonight = merged.values.sorted { $0.code < $1.code }.map { region in
            let taken = held[region.code] ?? 0
            return RegionConstraint(code: region.code, cap: region.cap.map { max(0, $0 - taken) }, floor: region.floor.map { max(0, $0 - taken) })
        }
        var reconciler = Reconciler(regions: tonight, vacancyRegions: vacancyRegions, targets: targets)
        reconciler.run()
        regions = reconciler.regions
        self.targets = reconciler.targets
        adjustments = reconciler.adjustments
    }
}

/// Step 3 of `MarketConstraints`: the top-down pass that fits reservations under caps.
private struct Reconciler {
    var regions: [RegionConstraint]
    var targets: [Int32]
    var adjustments: [MarketConstraints.Adjustment] = []
    private var children: [[Int]]
    private var direct: [[Int]]
    private var roots: [Int] = []

    init(regions: [RegionConstraint], vacancyRegions: [RegionCode?], targets: [Int32]) {
        self.regions = regions
        self.targets = targets
        var index: [String: Int] = [:]
        for (position, region) in regions.enumerated() { index[region.code.digits] = position }
        func innermost(_ code: RegionCode, strict: Bool) -> Int? {
            for length in [12, 9, 6, 4, 2] where length <= code.digits.count && !(strict && length == code.digits.count) {
                if let found = index[String(code.digits.prefix(length))] { return found }
            }
            return nil
        }
        children = Array(repeating: [], count: regions.count)
        direct = Array(repeating: [], count: regions.count)
        // Regions are in code order, so children are listed in code order too.
        for (position, region) in regions.enumerated() {
            if let parent = innermost(region.code, strict: true) { children[parent].append(position) } else { roots.append(position) }
        }
        for (vacancy, region) in vacancyRegions.enumerated() {
            if let region, let node = innermost(region, strict: false) { direct[node].append(vacancy) }
        }
    }

    mutating func run() {
        for root in roots { _ = reserve(root, room: .max) }
    }

    /// Fits the reservations of `node`'s subtree into `room` (and its own cap); returns what
    /// the subtree reserves.
    private mutating func reserve(_ node: Int, room: Int) -> Int {
        let region = regions[node]
        let budget = min(room, region.cap ?? .max)
        var used = 0
        for vacancy in direct[node] {
            let wanted = Int(targets[vacancy])
            let granted = min(wanted, budget - used)
            if granted < wanted {
                targets[vacancy] = Int32(granted)
                adjustments.append(.init(kind: .targetLowered, region: region.code, vacancy: vacancy, from: wanted, to: granted))
            }
            used += granted
        }
        for child in children[node] {
            used += reserve(child, room: budget - used)
        }
        if let floor = region.floor, floor > budget {
            regions[node].floor = budget
            adjustments.append(.init(kind: .floorLowered, region: region.code, vacancy: nil, from: floor, to: budget))
        }
        return max(regions[node].floor ?? 0, used)
    }
}
