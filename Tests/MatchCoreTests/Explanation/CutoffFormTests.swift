@testable import MatchCore
import Testing

/// The cutoff form of a stable matching (Azevedo and Leshno): with each post's cutoff the
/// lowest priority it admitted (or open while it has seats left), every candidate holds the
/// best post on their list whose cutoff they clear, and clears no cutoff of a post they ranked
/// higher. This is what lets a candidate's page explain every ranked post from one cutoff per
/// post and night (ADR 0037).
@Suite("Cutoffs explain the matching")
struct CutoffFormTests {
    @Test("on 400 random markets without caps, every candidate holds the best post whose cutoff they clear, and the cutoffs are the brute-force ones")
    func cutoffForm() throws {
        var random = RandomInstances(seed: 1616)
        for round in 0..<400 {
            let instance = try random.instance(.init(candidates: 1...7, vacancies: 1...4, capacity: 1...2))
            let assignment = MatchEngine.solve(instance).assignment
            let explainer = Explainer(instance: instance, assignment: assignment)
            for vacancy in 0..<instance.vacancyCount {
                #expect(explainer.cutoff(vacancy) == Self.bruteForceCutoff(vacancy, instance, assignment), "round \(round), vacancy \(vacancy)")
            }
            for candidate in 0..<instance.candidateCount {
                let ranked = instance.choices[candidate].map(Int.init)
                let clears = ranked.filter { Self.clears(candidate, $0, instance, explainer.cutoff($0)) }
                #expect(Int(assignment[candidate]) == (clears.first ?? -1),
                        "round \(round): candidate \(candidate) holds \(assignment[candidate]), clears \(clears) of \(ranked)")
                let held = ranked.firstIndex(of: Int(assignment[candidate])) ?? ranked.count
                for vacancy in ranked[..<held] {
                    #expect(!Self.clears(candidate, vacancy, instance, explainer.cutoff(vacancy)),
                            "round \(round): candidate \(candidate) clears the cutoff of \(vacancy), ranked above what they hold")
                }
            }
        }
    }

    /// The candidate's 1-based position in the post's priority list, or nil when it does not list them.
    static func position(_ candidate: Int, _ vacancy: Int, _ instance: MatchInstance) -> Int? {
        instance.priorities[vacancy].firstIndex(of: Int32(candidate)).map { $0 - instance.priorities.range(of: vacancy).lowerBound + 1 }
    }

    /// Clearing a cutoff: the post lists the candidate, and has seats left or admitted someone
    /// at their position or below.
    static func clears(_ candidate: Int, _ vacancy: Int, _ instance: MatchInstance, _ cutoff: Cutoff) -> Bool {
        guard let position = position(candidate, vacancy, instance) else { return false }
        switch cutoff {
        case .open: return true
        case .rank(let lowest): return position <= lowest
        case .score: Issue.record("rank priorities give rank cutoffs"); return false
        }
    }

    /// Open while seats are left, else the position of the lowest admitted, read off the matching.
    static func bruteForceCutoff(_ vacancy: Int, _ instance: MatchInstance, _ assignment: [Int32]) -> Cutoff {
        let holders = assignment.indices.filter { Int(assignment[$0]) == vacancy }
        guard holders.count >= Int(instance.capacities[vacancy]) else { return .open }
        return .rank(holders.compactMap { position($0, vacancy, instance) }.max() ?? 0)
    }
}
