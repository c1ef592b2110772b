/// The verifier's independent statement of the regional choice (docs/matching.md): given
/// how many applicants each vacancy of a region tree has, how many may each keep?
///
/// Reservations first (deepest regions first: targets, then turns until each floor is met),
/// then turns in input order while capacity, applicants and every enclosing cap allow.
///
/// Besides the seats it reports, per vacancy, whether one more applicant would have won it
/// another seat (`hungry`): the run with one more applicant at `v` is identical to this one
/// until the first moment `v` is refused for lack of applicants, and there it takes a seat
/// exactly when its capacity (or target) and every enclosing cap still had room — seats are
/// never taken back, so it then ends with more. One run per tree thus answers the
/// blocking-pair question for all its vacancies, instead of one run per vacancy.
struct AllotmentOracle {
    let instance: MatchInstance
    let geometry: CapGeometry

    /// Seats allotted to each member of `tree` (indexed like `geometry.trees[tree]`) for the
    /// given applicant counts (same indexing), and whether each member was ever refused a
    /// seat only for lack of applicants.
    func allot(tree: Int, applicants: [Int]) -> (seats: [Int], hungry: [Bool]) {
        let members = geometry.trees[tree]
        var seats = [Int](repeating: 0, count: members.count)
        var hungry = [Bool](repeating: false, count: members.count)
        var used = [Int](repeating: 0, count: instance.regions.count)
        let caps = instance.regions.map { $0.cap ?? Int.max }
        func fits(_ slot: Int) -> Bool {
            let vacancy = members[slot]
            guard seats[slot] < Int(instance.capacities[vacancy]) else { return false }
            let capsAllow = geometry.enclosing[vacancy].allSatisfy { used[$0] < caps[$0] }
            if seats[slot] >= applicants[slot] {
                if capsAllow { hungry[slot] = true }
                return false
            }
            return capsAllow
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
        // Slots directly in each region, and all slots inside each region, in input order.
        var direct: [Int: [Int]] = [:]
        var inside: [Int: [Int]] = [:]
        for slot in members.indices {
            let enclosing = geometry.enclosing[members[slot]]
            if let innermost = enclosing.first { direct[innermost, default: []].append(slot) }
            for region in enclosing { inside[region, default: []].append(slot) }
        }
        let regions = inside.keys
            .sorted { (instance.regions[$0].code.digits.count, $1) > (instance.regions[$1].code.digits.count, $0) }
        for region in regions {
            for slot in direct[region] ?? [] {
                let vacancy = members[slot]
                let target = Int(instance.targets[vacancy])
                let room = min(Int(instance.capacities[vacancy]), applicants[slot])
                if applicants[slot] < min(target, Int(instance.capacities[vacancy])) { hungry[slot] = true }
                take(slot, min(target, room))
            }
            if let floor = instance.regions[region].floor {
                turns(inside[region] ?? []) { $0[region] >= floor }
            }
        }
        turns(Array(members.indices)) { _ in false }
        return (seats, hungry)
    }
}
