/// The solver entry point: the candidate-optimal stable matching of an instance.
///
/// Without caps this is candidate-proposing deferred acceptance; with caps, flexible
/// deferred acceptance over the capped region trees; couples are then placed by the
/// Roth–Peranson-style heuristic and its escalation (`CouplePhase`, ADR 0039). The rank
/// inversion is part of the solve and is timed as the "invert" phase, the proposals as "solve".
public enum MatchEngine {
    public static func solve(_ instance: MatchInstance, settings: SolveSettings = SolveSettings()) -> MatchOutcome {
        var clock = PhaseClock()
        let ranks = RankTable(instance)
        clock.lap("invert")
        var engine = ProposalEngine(instance, ranks: ranks)
        let coupleOf = instance.coupleIndexByCandidate()
        let singles = (0..<Int32(instance.candidateCount)).filter {
            coupleOf[Int($0)] < 0 && !instance.choices.range(of: Int($0)).isEmpty
        }
        engine.runRounds(free: singles)
        var assignment = engine.holder
        var settlement = CouplesSettlement.noCouples
        var proposals = engine.proposals
        var coupleProposals = 0
        var coupleSteps = 0
        if !instance.couples.isEmpty {
            let couples = CouplePhase.run(after: engine, settings: settings)
            assignment = couples.assignment
            settlement = couples.settlement
            proposals = couples.proposals
            coupleProposals = couples.coupleProposals
            coupleSteps = couples.steps
        }
        clock.lap("solve")
        let statistics = SolveStatistics(
            proposals: proposals, rounds: engine.rounds, coupleProposals: coupleProposals,
            coupleSteps: coupleSteps, seconds: clock.phases
        )
        return MatchOutcome(
            assignment: assignment,
            mechanism: instance.regions.contains { $0.cap != nil } ? .flexibleDeferredAcceptance : .deferredAcceptance,
            floorShortfalls: floorShortfalls(instance, assignment: assignment),
            couplesSettlement: settlement, statistics: statistics
        )
    }

    /// Placements per region with a floor, counted by region-code prefix.
    public static func floorShortfalls(_ instance: MatchInstance, assignment: [Int32]) -> [FloorShortfall] {
        var placed = [Int](repeating: 0, count: instance.regions.count)
        for vacancy in assignment where vacancy >= 0 {
            for region in instance.hierarchy.enclosingRegions(ofVacancy: Int(vacancy)) { placed[region] += 1 }
        }
        return instance.regions.enumerated().compactMap { index, region in
            region.floor.map { FloorShortfall(region: index, code: region.code, floor: $0, placed: placed[index]) }
        }
    }
}
