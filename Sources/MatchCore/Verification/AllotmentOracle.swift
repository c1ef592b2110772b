/// The verifier's independent statement of the regional choice (docs/matching.md): given
/// how many applicants each vacancy of a region tree has, how many may each keep?
///
/// Reservations first (deepest regions first: targets, then turns until each floor is met),
/// then turns in input order while capacity, applicants and every enclosing cap allow.
struct AllotmentOracle {
    let instance: MatchInstance
    let geometry: CapGeometry

    /// Seats allotted to each member of `tree` (indexed like `geometry.trees[tree]`) for the
    /// given applicant counts (same indexing).
    func allot(tree: Int, applicants: [Int]) -> [Int] {
        let members = geometry.trees[tree]
        var seats = [Int](repeating: 0, count: members.count)
        var used = [Int](repeating: 0, count: instance.regions.count)
        func fits(_ slot: Int) -> Bool {
            let vacancy = members[slot]
            guard seats[slot] < Int(instance.capacities[vacancy]), seats[slot] < applicants[slot] else { return false }
            return geometry.enclosing[vacancy].allSatisfy { used[$0] < (instance.regions[$0].cap ?? Int.max) }
        }
        func take(_ slot: Int, _ count: Int) {
            seats[slot] += count
            for region in geometry.enclosing[members[slot]] { used[region] += count }
        }
        func turns(_ slots: [Int], stop: (borrowing [Int]) -> Bool) {
            var progress = true
            while progress {
                progress = false
                for slot in slots {
                    if stop(used) { return }
                    if fits(slot) { take(slot, 1); progress = true }
                }
            }
        }
        let regions = Set(members.flatMap { geometry.enclosing[$0] })
            .sorted { (instance.regions[$0].code.digits.count, $1) > (instance.regions[$1].code.digits.count, $0) }
        for region in regions {
            for slot in members.indices where geometry.enclosing[members[slot]].first == region {
                let room = min(Int(instance.capacities[members[slot]]), applicants[slot])
                take(slot, min(Int(instance.targets[members[slot]]), room))
            }
            if let floor = instance.regions[region].floor {
                let inside = members.indices.filter { geometry.enclosing[members[$0]].contains(region) }
                turns(inside) { $0[region] >= floor }
            }
        }
        turns(Array(members.indices)) { _ in false }
        return seats
    }
}
