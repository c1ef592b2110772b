/// The couples phase of a solve (ADR 0039), after the single candidates' deferred acceptance:
///
/// 1. the Roth–Peranson pass with complete repair, checked for blocking pairs, blocking
///    agents applying again until none is left or a cycle stops repairs (`CoupleHeuristic`);
/// 2. if blocking pairs remain, the same from the singles' matching with the couples in other
///    orders (reversed, then seeded shuffles);
/// 3. a bounded exact search over the part of the market the blocking pairs of the best
///    attempt involve (`BlockingComponent`, `ExactSearch`);
/// 4. the fallback: the best attempt with every free-seat move made (`FreeSeatFill`).
struct CouplePhase {
    struct Result {
        var assignment: [Int32]
        var settlement: CouplesSettlement
        var proposals = 0
        var coupleProposals = 0
        var steps = 0
    }

    static func run(after singles: ProposalEngine, settings: SolveSettings) -> Result {
        let instance = singles.instance
        let pairs = instance.couples.reduce(0) { $0 + $1.choices.count }
        let budget = settings.coupleStepBudget ?? 50 * (pairs + instance.choices.items.count) + 10_000
        var result = Result(assignment: [], settlement: .unsettled)
        var best: (assignment: [Int32], moves: [StabilityCheck.Move])?
        for attempt in 0...max(0, settings.reorderAttempts) {
            var heuristic = CoupleHeuristic(engine: singles, order: order(instance, attempt: attempt), stepBudget: budget)
            let moves = heuristic.settle()
            result.proposals += heuristic.engine.proposals - (attempt == 0 ? 0 : singles.proposals)
            result.coupleProposals += heuristic.coupleProposals
            result.steps += heuristic.steps
            if moves.isEmpty {
                result.assignment = heuristic.engine.holder
                result.settlement = attempt == 0 ? .heuristic : .reordered
                return result
            }
            if best == nil || moves.count < best!.moves.count { best = (heuristic.engine.holder, moves) }
        }
        guard let (found, moves) = best else { return result }
        var assignment = found
        let ranks = singles.ranks
        if let component = BlockingComponent(around: moves, of: instance, choice: singles.choice, limit: settings.exactSearchCandidates) {
            let search = ExactSearch.search(component.instance, budget: settings.exactSearchBudget)
            if let found = search.best {
                var merged = assignment
                component.merge(found, into: &merged)
                var check = StabilityCheck(instance: instance, ranks: ranks, choice: singles.choice, assignment: merged)
                if check.isStable() {
                    result.assignment = merged
                    result.settlement = .exactSearch
                    return result
                }
            }
            result.settlement = search.complete && search.best == nil ? .noStableMatching : .unsettled
        }
        var fill = FreeSeatFill(instance: instance, ranks: ranks, assignment: assignment)
        fill.fill(&assignment)
        result.assignment = assignment
        return result
    }

    /// The order in which couples first apply: input order, then reversed, then shuffles
    /// seeded by the instance's seed and the attempt (deterministic).
    static func order(_ instance: MatchInstance, attempt: Int) -> [Int32] {
        var order = (0..<Int32(instance.couples.count)).map { $0 }
        switch attempt {
        case 0: break
        case 1: order.reverse()
        default:
            var generator = Xoshiro256StarStar(seed: instance.seed ^ (0x9E37_79B9_7F4A_7C15 &* UInt64(attempt)))
            var index = order.count - 1
            while index > 0 {
                order.swapAt(index, Int(generator.uniform(below: UInt64(index + 1))))
                index -= 1
            }
        }
        return order
    }
}
