import Crypto
import MatchCore

/// The engine's part of a night: build the instance from the snapshot, solve, verify,
/// explain, and summarise. Pure computation on values, so it can be tested and timed alone.
struct EngineRun: Sendable {
    /// One offer to write: who, where, which choice, the score, and the exact explanation.
    struct Placement: Sendable {
        let candidateID: Int64
        let vacancyID: Int64
        let choiceRank: Int
        let score: Double?
        let explanation: String
    }

    let instanceBytes: [UInt8]
    let snapshotHash: String
    let placements: [Placement]
    let summary: NightlySummary
    let violations: [String]
    let solverName: String

    /// Fails with the engine's own words when the snapshot is not a valid instance.
    init(snapshot: NightlySnapshot, seed: UInt64, snapshotSeconds: Double, progress: (String) -> Void) throws(InputError) {
        var clock = PhaseTimer()
        progress("building the instance: \(snapshot.candidates.count) candidates, \(snapshot.vacancies.count) vacancies")
        let document = try ProfileMatching.instance(
            candidates: snapshot.candidates.map(\.profile), vacancies: snapshot.vacancies.map(\.profile),
            policy: snapshot.policy.policy, regions: snapshot.policy.regions, seed: seed,
            rankingPositions: snapshot.candidates.map(\.choices)
        )
        let instance = document.instance
        clock.lap("build")
        // The snapshot encoding (hundreds of megabytes at national scale) needs only the
        // instance, so it runs on the other core while the engine solves and explains.
        let encoding = ParallelWork.Pending { () -> ([UInt8], String, Duration) in
            let started = ContinuousClock.now
            let bytes = InstanceEncoder.encode(instance)
            return (bytes, Self.sha256Hex(bytes), ContinuousClock.now - started)
        }
        progress("solving (encoding the snapshot alongside)")
        let outcome = MatchEngine.solve(instance)
        solverName = "\(outcome.mechanism)"
        clock.lap("solve")
        progress("verifying")
        let report = Verifier.verify(instance, assignment: outcome.assignment)
        violations = report.violations.map { "\($0)" }
        clock.lap("verify")
        progress("explaining \(outcome.assignment.filter { $0 >= 0 }.count) offers")
        let assignment = outcome.assignment
        let explainer = Explainer(instance: instance, assignment: assignment, assessment: document.assessment)
        placements = ParallelWork.map(count: instance.candidateCount) { range in
            Self.placements(range, snapshot: snapshot, instance: instance, assignment: assignment, explainer: explainer)
        }
        clock.lap("explain")
        let encoded = encoding.value()
        (instanceBytes, snapshotHash) = (encoded.0, encoded.1)
        clock.lap("encode")
        progress("snapshot: \(instanceBytes.count) bytes, encoded and hashed in \(encoded.2) beside the engine")
        var summary = Self.summarise(snapshot: snapshot, placements: placements, outcome: outcome, report: report)
        summary.phaseSeconds = clock.phases.merging(["snapshot": snapshotSeconds]) { $1 }
        self.summary = summary
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format02x: $0) }.joined()
    }

    /// The offers of candidates `range`, in candidate order.
    private static func placements(
        _ range: Range<Int>, snapshot: NightlySnapshot, instance: MatchInstance, assignment: [Int32], explainer: Explainer
    ) -> [Placement] {
        var result: [Placement] = []
        for candidate in range where assignment[candidate] >= 0 {
            let vacancy = assignment[candidate]
            let explanation = explainer.explain(candidate)
            let choices = instance.choices[candidate]
            let position = choices.firstIndex(of: vacancy).map { $0 - choices.startIndex } ?? 0
            result.append(Placement(
                candidateID: snapshot.candidates[candidate].id, vacancyID: snapshot.vacancies[Int(vacancy)].id,
                choiceRank: position + 1, score: explanation.breakdown?.score,
                explanation: OfferExplanation.json(explanation, cutoff: explainer.cutoff(Int(vacancy))) {
                    snapshot.vacancies[$0].id
                }
            ))
        }
        return result
    }

    private static func summarise(
        snapshot: NightlySnapshot, placements: [Placement], outcome: MatchOutcome, report: VerificationReport
    ) -> NightlySummary {
        var summary = NightlySummary()
        summary.vacancies = snapshot.vacancies.count
        summary.seats = snapshot.vacancies.reduce(0) { $0 + $1.profile.seats }
        summary.candidates = snapshot.candidates.count
        summary.filled = placements.count
        let underserved = Set(snapshot.vacancies.filter(\.underserved).map(\.id))
        summary.underservedSeats = snapshot.vacancies.filter(\.underserved).reduce(0) { $0 + $1.profile.seats }
        summary.underservedFilled = placements.filter { underserved.contains($0.vacancyID) }.count
        summary.floors = outcome.floorShortfalls.map {
            .init(region: $0.code.digits, floor: $0.floor, placed: $0.placed, shortfall: $0.shortfall)
        }
        let deepest = placements.map(\.choiceRank).max() ?? 0
        summary.rankDistribution = Array(repeating: 0, count: deepest)
        for placement in placements { summary.rankDistribution[placement.choiceRank - 1] += 1 }
        summary.stable = report.violations.isEmpty
        summary.violations = report.violations.count
        summary.proposals = outcome.statistics.proposals
        summary.rounds = outcome.statistics.rounds
        return summary
    }
}

/// Wall-clock seconds per phase.
struct PhaseTimer {
    private var last = ContinuousClock.now
    private(set) var phases: [String: Double] = [:]

    mutating func lap(_ phase: String) {
        let now = ContinuousClock.now
        let elapsed = now - last
        phases[phase, default: 0] += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        last = now
    }
}

extension String {
    /// Two lowercase hex digits.
    init(format02x byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }
}
