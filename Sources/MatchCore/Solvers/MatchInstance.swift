/// A validated matching problem in dense form: the seam between the input formats (JSON
/// documents, domain profiles) and the solvers, verifier and explainer.
///
/// Candidates and vacancies are numbered `0..<count` in input order. That order matters:
/// it is the order in which vacancies take turns within a capped region (Kamada–Kojima),
/// and it names positions in error pointers (`/vacancies/17/capacity`).
///
/// A pair is acceptable only when each side lists the other. Vacancy-side lists are strict
/// priority orders; where they came from scores, `priorityScores` keeps the scores so that
/// explanations can quote cutoffs.
public struct MatchInstance: Sendable {
    public let candidateIDs: [String]
    public let vacancyIDs: [String]
    /// Each single candidate's ranking of vacancies, best first. Couple members have none.
    public let choices: IndexLists
    /// Each vacancy's ranking of candidates, best first (ties already broken by the lottery).
    public let priorities: IndexLists
    /// Parallel to `priorities.items`: the score behind each position, or NaN where the
    /// vacancy gave a plain ranking. Empty when no vacancy gave scores.
    public let priorityScores: [Double]
    public let capacities: [Int32]
    /// Seats per vacancy that take precedence over its region's cap (Kamada–Kojima's target).
    public let targets: [Int32]
    public let vacancyRegions: [RegionCode?]
    public let regions: [RegionConstraint]
    public let couples: [Couple]
    /// The lottery seed, recorded in results.
    public let seed: UInt64
    /// Which regions enclose which, derived from the codes.
    public private(set) var hierarchy: RegionHierarchy

    /// Validates and stores an instance.
    /// - Throws: `InputError` with the pointer of the first offending field.
    public init(
        candidateIDs: [String], vacancyIDs: [String], choices: IndexLists, priorities: IndexLists,
        priorityScores: [Double] = [], capacities: [Int32], targets: [Int32]? = nil,
        vacancyRegions: [RegionCode?]? = nil, regions: [RegionConstraint] = [], couples: [Couple] = [],
        seed: UInt64 = 0
    ) throws(InputError) {
        let vacancyCount = vacancyIDs.count
        self.candidateIDs = candidateIDs
        self.vacancyIDs = vacancyIDs
        self.choices = choices
        self.priorities = priorities
        self.priorityScores = priorityScores
        self.capacities = capacities
        self.targets = targets ?? [Int32](repeating: 0, count: vacancyCount)
        self.vacancyRegions = vacancyRegions ?? [RegionCode?](repeating: nil, count: vacancyCount)
        self.regions = regions
        self.couples = couples
        self.seed = seed
        hierarchy = RegionHierarchy()
        try InstanceValidation.checkShapes(self)
        try InstanceValidation.checkLists(self)
        try InstanceValidation.checkCouples(self)
        hierarchy = try RegionHierarchy(
            regions: regions, vacancyRegions: self.vacancyRegions, targets: self.targets
        )
    }

    public var candidateCount: Int { candidateIDs.count }
    public var vacancyCount: Int { vacancyIDs.count }
    public var totalSeats: Int { capacities.reduce(0) { $0 + Int($1) } }

    /// Whether vacancy-side orders carry scores at this position of `priorities.items`.
    public func score(atPriorityIndex index: Int) -> Double? {
        guard !priorityScores.isEmpty else { return nil }
        let value = priorityScores[index]
        return value.isNaN ? nil : value
    }

    /// Couple index of each candidate, or -1 for singles.
    public func coupleIndexByCandidate() -> [Int32] {
        var result = [Int32](repeating: -1, count: candidateCount)
        for (index, couple) in couples.enumerated() {
            result[Int(couple.first)] = Int32(index)
            result[Int(couple.second)] = Int32(index)
        }
        return result
    }
}
