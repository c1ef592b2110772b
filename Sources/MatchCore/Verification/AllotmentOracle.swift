/// The verifier's independent statement of the regional choice (docs/matching.md): given
/// how many applicants each vacancy of a region tree has, how many may each keep?
///
/// Reservations first (deepest regions first: targets, then turns until each floor is met),
/// then turns in input order while capacity, applicants and every enclosing cap allow.
struct AllotmentOracle {
    let instance: MatchInstance
    let geometry: CapGeometry

    /// Seats allotted to each vacancy of `tree` for the given applicant counts.
    func allot(tree: Int, applicants: [Int: Int]) -> [Int: Int] {
        let members = geometry.trees[tree]
        var seats: [Int: Int] = [:]
        var used: [Int: Int] = [:]
        func fits(_ vacancy: Int) -> Bool {
            let have = seats[vacancy, default: 0]
            guard have < Int(instance.capacities[vacancy]), have < applicants[vacancy, default: 0] else { return false }
            return geometry.enclosing[vacancy].allSatisfy { used[$0, default: 0] < (instance.regions[$0].cap ?? Int.max) }
        }
        func take(_ vacancy: Int, _ count: Int) {
            seats[vacancy, default: 0] += count
            for region in geometry.enclosing[vacancy] { used[region, default: 0] += count }
        }
        func turns(_ list: [Int], stop: () -> Bool) {
            var progress = true
            while progress {
                progress = false
                for vacancy in list {
                    if stop() { return }
                    if fits(vacancy) { take(vacancy, 1); progress = true }
                }
            }
        }
        let regions = Set(members.flatMap { geometry.enclosing[$0] })
            .sorted { (instance.regions[$0].code.digits.count, $1) > (instance.regions[$1].code.digits.count, $0) }
        for region in regions {
            for vacancy in members where geometry.enclosing[vacancy].first == region {
                let room = min(Int(instance.capacities[vacancy]), applicants[vacancy, default: 0])
                take(vacancy, min(Int(instance.targets[vacancy]), room))
            }
            if let floor = instance.regions[region].floor {
                let inside = members.filter { geometry.enclosing[$0].contains(region) }
                turns(inside) { used[region, default: 0] >= floor }
            }
        }
        turns(members) { false }
        return seats
    }
}
