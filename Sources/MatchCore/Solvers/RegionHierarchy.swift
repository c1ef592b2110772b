/// Which constrained regions enclose which, and the innermost one around each vacancy.
///
/// Regions nest by code prefix, so the listed regions form a forest: a region's parent is the
/// longest listed code that is a proper prefix of it. Built once per instance; it also checks
/// that every cap leaves room for the seats reserved beneath it (targets and floors), because
/// otherwise Kamada–Kojima's precedence for targets would be infeasible.
public struct RegionHierarchy: Sendable, Equatable {
    /// Parent of each region (index into the instance's `regions`), or -1 for a root.
    public let parent: [Int32]
    /// Innermost listed region containing each vacancy, or -1.
    public let innermost: [Int32]
    /// Seats reserved inside each region: max(floor, sum of children's and direct targets).
    public let reserved: [Int]

    /// No regions (a placeholder until an instance is validated).
    init() {
        parent = []
        innermost = []
        reserved = []
    }

    init(regions: [RegionConstraint], vacancyRegions: [RegionCode?], targets: [Int32]) throws(InputError) {
        var indexByCode: [String: Int32] = [:]
        for (index, region) in regions.enumerated() {
            guard indexByCode.updateValue(Int32(index), forKey: region.code.digits) == nil else {
                throw InputError("/regions/\(index)/code", "region '\(region.code)' is listed twice")
            }
        }
        func innermostRegion(of code: RegionCode, strict: Bool) -> Int32 {
            var lengths = [12, 9, 6, 4, 2].filter { $0 <= code.digits.count }
            if strict { lengths.removeAll { $0 == code.digits.count } }
            for length in lengths {
                if let found = indexByCode[String(code.digits.prefix(length))] { return found }
            }
            return -1
        }
        parent = regions.map { innermostRegion(of: $0.code, strict: true) }
        innermost = vacancyRegions.map { code in code.map { innermostRegion(of: $0, strict: false) } ?? -1 }
        reserved = try Self.reservations(regions: regions, parent: parent, innermost: innermost, targets: targets)
    }

    /// Indices of every region enclosing `vacancy`, innermost first.
    public func enclosingRegions(ofVacancy vacancy: Int) -> [Int] {
        var result: [Int] = []
        var node = innermost[vacancy]
        while node >= 0 {
            result.append(Int(node))
            node = parent[Int(node)]
        }
        return result
    }

    private static func reservations(
        regions: [RegionConstraint], parent: [Int32], innermost: [Int32], targets: [Int32]
    ) throws(InputError) -> [Int] {
        var childSum = [Int](repeating: 0, count: regions.count)
        for (vacancy, node) in innermost.enumerated() where node >= 0 {
            childSum[Int(node)] += Int(targets[vacancy])
        }
        // Children have longer codes than their parents, so deeper regions come first.
        let order = regions.indices.sorted { regions[$0].code.digits.count > regions[$1].code.digits.count }
        var reserved = [Int](repeating: 0, count: regions.count)
        for node in order {
            reserved[node] = max(regions[node].floor ?? 0, childSum[node])
            if let cap = regions[node].cap, reserved[node] > cap {
                throw InputError(
                    "/regions/\(node)/cap",
                    "cap \(cap) of region '\(regions[node].code)' is below the \(reserved[node]) seats reserved inside it by targets and floors"
                )
            }
            if parent[node] >= 0 { childSum[Int(parent[node])] += reserved[node] }
        }
        return reserved
    }
}
