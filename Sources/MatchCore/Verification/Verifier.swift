/// Checks a matching against an instance, sharing no code with the solvers: it has its own
/// priority lookup, its own region geometry and its own statement of the regional choice.
///
/// Checks, in order: assignments name real vacancies; capacities; caps; every matched pair
/// is acceptable to both sides; couples sit in a combination they listed; no blocking pairs.
/// Without caps a blocking pair is the standard one (Gale–Shapley). With caps it is
/// Kamada–Kojima's: a pair whose only obstacle is a binding cap, and where the region's
/// choice would not give the vacancy another seat, is not blocking.
public enum Verifier {
    public static func verify(_ instance: MatchInstance, assignment: [Int32]) -> VerificationReport {
        var context = VerificationContext(instance, assignment: assignment)
        context.checkAssignments()
        if context.violations.isEmpty {
            context.checkCapacities()
            context.checkCaps()
            context.checkAcceptability()
            context.checkCouples()
            context.checkSingleBlockingPairs()
            context.checkCoupleBlockingPairs()
        }
        let capped = instance.regions.contains { $0.cap != nil }
        return VerificationReport(violations: context.violations, stabilityNotion: capped ? "kamada-kojima" : "standard")
    }
}

/// The working state of one verification.
struct VerificationContext {
    let instance: MatchInstance
    let assignment: [Int32]
    var lookup: PriorityLookup
    let geometry: CapGeometry
    var violations: [Violation] = []
    /// Candidates per vacancy and the worst rank among them (-1 when empty).
    var holders: [[Int]] = []
    var worstRank: [Int] = []
    var coupleOf: [Int] = []
    private var growMemo: [Int: Bool] = [:]
    /// Per tree of `geometry`: whether the one-run answer of `wouldGrow` was tried.
    private var treeChecked: [Bool]

    init(_ instance: MatchInstance, assignment: [Int32]) {
        self.instance = instance
        self.assignment = assignment
        lookup = PriorityLookup(instance)
        geometry = CapGeometry(instance)
        treeChecked = [Bool](repeating: false, count: geometry.trees.count)
    }

    mutating func checkAssignments() {
        guard assignment.count == instance.candidateCount else {
            violations.append(Violation(.invalidAssignment, detail: "expected \(instance.candidateCount) assignments, got \(assignment.count)"))
            return
        }
        for (candidate, vacancy) in assignment.enumerated() where vacancy < -1 || Int(vacancy) >= instance.vacancyCount {
            violations.append(Violation(.invalidAssignment, candidate: candidate, detail: "assigned to vacancy index \(vacancy), which does not exist"))
        }
        holders = [[Int]](repeating: [], count: instance.vacancyCount)
        for (candidate, vacancy) in assignment.enumerated() where vacancy >= 0 && Int(vacancy) < instance.vacancyCount {
            holders[Int(vacancy)].append(candidate)
        }
        worstRank = holders.enumerated().map { vacancy, list in
            list.map { lookup.rank(of: $0, at: vacancy) ?? Int.max }.max() ?? -1
        }
        coupleOf = [Int](repeating: -1, count: instance.candidateCount)
        for (index, couple) in instance.couples.enumerated() {
            coupleOf[Int(couple.first)] = index
            coupleOf[Int(couple.second)] = index
        }
    }

    mutating func checkCapacities() {
        for vacancy in 0..<instance.vacancyCount where holders[vacancy].count > Int(instance.capacities[vacancy]) {
            violations.append(Violation(
                .capacityExceeded, vacancy: vacancy,
                detail: "vacancy '\(instance.vacancyIDs[vacancy])' holds \(holders[vacancy].count) candidates for \(instance.capacities[vacancy]) seats"
            ))
        }
    }

    mutating func checkCaps() {
        var placed = [Int](repeating: 0, count: instance.regions.count)
        for vacancy in 0..<instance.vacancyCount {
            for region in geometry.enclosing[vacancy] { placed[region] += holders[vacancy].count }
        }
        for (index, region) in instance.regions.enumerated() {
            if let cap = region.cap, placed[index] > cap {
                violations.append(Violation(
                    .capExceeded, region: index, detail: "region '\(region.code)' holds \(placed[index]) candidates over its cap \(cap)"
                ))
            }
        }
    }

    mutating func checkAcceptability() {
        for (candidate, vacancy) in assignment.enumerated() where vacancy >= 0 {
            let listedByVacancy = lookup.rank(of: candidate, at: Int(vacancy)) != nil
            let listedByCandidate = coupleOf[candidate] >= 0 || instance.choices[candidate].contains(vacancy)
            guard !(listedByVacancy && listedByCandidate) else { continue }
            let who = listedByVacancy ? "the candidate did not rank it" : "the vacancy does not list the candidate"
            violations.append(Violation(
                .notAcceptable, candidate: candidate, vacancy: Int(vacancy),
                detail: "'\(instance.candidateIDs[candidate])' is matched to '\(instance.vacancyIDs[Int(vacancy)])' but \(who)"
            ))
        }
    }

    /// Whether a vacancy with a free seat and an extra applicant (ranked below its holders)
    /// would be allotted one more seat by its region's choice.
    ///
    /// One oracle run per tree with the actual holder counts answers this for every vacancy
    /// of the tree (`AllotmentOracle.hungry`), provided that run reproduces the holder counts;
    /// otherwise (an infeasible or unstable matching) the oracle is rerun with the extra
    /// applicant, vacancy by vacancy.
    mutating func wouldGrow(_ vacancy: Int) -> Bool {
        guard geometry.isCapped(vacancy, in: instance) else { return true }
        if let known = growMemo[vacancy] { return known }
        let tree = geometry.treeOf[vacancy]
        let members = geometry.trees[tree]
        let oracle = AllotmentOracle(instance: instance, geometry: geometry)
        var applicants = members.map { holders[$0].count }
        if !treeChecked[tree] {
            treeChecked[tree] = true
            let baseline = oracle.allot(tree: tree, applicants: applicants)
            if baseline.seats == applicants {
                for (slot, member) in members.enumerated() { growMemo[member] = baseline.hungry[slot] }
                if let known = growMemo[vacancy] { return known }
            }
        }
        guard let slot = members.firstIndex(of: vacancy) else { return true }
        applicants[slot] += 1
        let grows = oracle.allot(tree: tree, applicants: applicants).seats[slot] > holders[vacancy].count
        growMemo[vacancy] = grows
        return grows
    }
}
