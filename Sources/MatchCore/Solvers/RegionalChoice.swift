/// How many of its applicants each vacancy of a capped tree may hold: the choice of the
/// flexible deferred acceptance of Kamada & Kojima (2015), generalised to nested caps and
/// floors (docs/matching.md, "Caps" and "Floors").
///
/// Given each vacancy's pool (applicants held plus new ones), seats are allotted in stages:
/// 1. Reservations, deepest regions first: every vacancy takes up to its target, then a
///    region with a floor lets its vacancies take turns until the floor is met.
/// 2. All vacancies of the tree take turns in input order, one seat per turn, while their
///    capacity, their pool and every enclosing cap allow.
/// A vacancy then keeps its best `allotment` applicants. With one level of caps and no
/// floors this is exactly Kamada–Kojima's steps (a) and (b).
///
/// Only counts matter, never who the applicants are, so the whole allotment costs
/// O(vacancies + seats allotted) per call.
struct RegionalChoice {
    let trees: [CappedTree]
    let treeOfVacancy: [Int32]
    private let capacities: [Int32]
    private let targets: [Int32]
    private let caps: [Int]
    private let floors: [Int]
    private let parent: [Int32]
    private let innermost: [Int32]
    private var used: [Int]
    private var active: [Int32] = []

    init(_ instance: MatchInstance) {
        (trees, treeOfVacancy) = CappedTree.build(instance)
        capacities = instance.capacities
        targets = instance.targets
        caps = instance.regions.map { $0.cap ?? Int.max }
        floors = instance.regions.map { $0.floor ?? 0 }
        parent = instance.hierarchy.parent
        innermost = instance.hierarchy.innermost
        used = [Int](repeating: 0, count: instance.regions.count)
    }

    /// Writes the allotment of every vacancy of `tree` into `limit`.
    /// - Parameters:
    ///   - held: applicants each vacancy holds; `pending`: new applicants this step.
    mutating func allot(tree: Int, held: [Int32], pending: [Int32], limit: inout [Int32]) {
        let layout = trees[tree]
        for region in layout.regions { used[Int(region)] = 0 }
        for vacancy in layout.vacancies { limit[Int(vacancy)] = 0 }
        for (position, region) in layout.regions.enumerated() {
            for vacancy in layout.direct[position] {
                let room = min(Int(capacities[Int(vacancy)]), Int(held[Int(vacancy)] + pending[Int(vacancy)]))
                give(Int(vacancy), seats: min(Int(targets[Int(vacancy)]), room), limit: &limit)
            }
            let floor = floors[Int(region)]
            if floor > used[Int(region)] {
                takeTurns(layout.members[position], until: Int(region), floor: floor, held: held, pending: pending, limit: &limit)
            }
        }
        takeTurns(layout.vacancies, until: -1, floor: 0, held: held, pending: pending, limit: &limit)
    }

    /// Round-robin in list order, one seat per turn; a vacancy that cannot take a seat drops
    /// out for good (caps only fill and pools do not grow during one allotment).
    private mutating func takeTurns(
        _ vacancies: [Int32], until region: Int, floor: Int, held: [Int32], pending: [Int32], limit: inout [Int32]
    ) {
        active.removeAll(keepingCapacity: true)
        for vacancy in vacancies where canTake(Int(vacancy), held: held, pending: pending, limit: limit) { active.append(vacancy) }
        while !active.isEmpty {
            var kept = 0
            for index in active.indices {
                if region >= 0, used[region] >= floor { return }
                let vacancy = Int(active[index])
                guard canTake(vacancy, held: held, pending: pending, limit: limit) else { continue }
                give(vacancy, seats: 1, limit: &limit)
                active[kept] = active[index]
                kept += 1
            }
            active.removeLast(active.count - kept)
        }
    }

    private func canTake(_ vacancy: Int, held: [Int32], pending: [Int32], limit: [Int32]) -> Bool {
        let allotted = Int(limit[vacancy])
        guard allotted < Int(capacities[vacancy]), allotted < Int(held[vacancy] + pending[vacancy]) else { return false }
        var region = innermost[vacancy]
        while region >= 0 {
            if used[Int(region)] >= caps[Int(region)] { return false }
            region = parent[Int(region)]
        }
        return true
    }

    private mutating func give(_ vacancy: Int, seats: Int, limit: inout [Int32]) {
        guard seats > 0 else { return }
        limit[vacancy] += Int32(seats)
        var region = innermost[vacancy]
        while region >= 0 {
            used[Int(region)] += seats
            region = parent[Int(region)]
        }
    }
}
