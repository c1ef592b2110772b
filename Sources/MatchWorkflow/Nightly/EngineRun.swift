import MatchCore
import MatchStore

/// The engine's part of a night: build the instance from the snapshot, solve, verify and
/// summarise; encode the snapshot beside it; explain offers on demand. Pure computation on
/// values, so it can be tested and timed alone.
///
/// Explanations are made batch by batch while the writer inserts the previous batch
/// (`placements(_:)`), not all before the write: measured at 1M candidates, the insert keeps
/// one core busy in the database and the job's other core was idle for its 9 s, while the
/// explanations had taken 5 s of both cores just before.
struct EngineRun: Sendable {
    /// One offer without its explanation: enough for the summary and a what-if.
    struct Offer: Sendable {
        /// Positions in the snapshot's candidates and vacancies.
        let candidate: Int
        let vacancy: Int
        let candidateID: Int64
        let vacancyID: Int64
        let choiceRank: Int
    }

    let snapshot: NightlySnapshot
    let explainer: Explainer
    /// In candidate order.
    let offers: [Offer]
    let summary: NightlySummary
    let violations: [String]
    let solverName: String
    /// Encoded on another thread from the moment the instance is built: the encoding (hundreds
    /// of megabytes at national scale) needs only the instance.
    let encodedSnapshot: Task<RunRelease.EncodedSnapshot, Never>

    /// Fails with the engine's own words when the snapshot is not a valid instance.
    init(snapshot: NightlySnapshot, seed: UInt64, snapshotSeconds: Double, progress: (String) -> Void) throws(InputError) {
        var clock = PhaseClock()
        progress("building the instance: \(snapshot.candidates.count) candidates, \(snapshot.vacancies.count) vacancies")
        let document = try ProfileMatching.instance(
            candidates: snapshot.candidates.map(\.profile), vacancies: snapshot.vacancies.map(\.profile),
            policy: snapshot.policy.policy, regions: snapshot.policy.regions, seed: seed,
            rankingPositions: snapshot.candidates.map(\.choices)
        )
        let instance = document.instance
        clock.lap("build")
        encodedSnapshot = Task {
            await ParallelWork.offThePool {
                let started = ContinuousClock.now
                let bytes = InstanceEncoder.encode(instance)
                return RunRelease.EncodedSnapshot(bytes: bytes, hash: Digest.sha256Hex(bytes), duration: ContinuousClock.now - started)
            }
        }
        progress("solving (encoding the snapshot alongside)")
        let outcome = MatchEngine.solve(instance)
        solverName = "\(outcome.mechanism)"
        clock.lap("solve")
        progress("verifying")
        let report = Verifier.verify(instance, assignment: outcome.assignment)
        violations = report.violations.map { "\($0)" }
        clock.lap("verify")
        self.snapshot = snapshot
        explainer = Explainer(instance: instance, assignment: outcome.assignment, assessment: document.assessment)
        offers = Self.offers(snapshot: snapshot, instance: instance, assignment: outcome.assignment)
        var summary = Self.summarise(snapshot: snapshot, offers: offers, outcome: outcome, report: report)
        summary.phaseSeconds = clock.secondsByPhase.merging(["snapshot": snapshotSeconds]) { $1 }
        self.summary = summary
    }

    /// The verified result as the writer takes it: explanations are made batch by batch, as
    /// the writer asks for them.
    var release: RunRelease {
        RunRelease(offerCount: offers.count, verifierViolations: violations.count, encodedSnapshot: encodedSnapshot) { range in
            placements(range)
        }
    }

    /// The offers at `range` of `offers`, each with its exact explanation.
    func placements(_ range: Range<Int>) -> [RunRelease.Placement] {
        offers[range].map { offer in
            let explanation = explainer.explain(offer.candidate)
            return RunRelease.Placement(
                candidateID: offer.candidateID, vacancyID: offer.vacancyID, choiceRank: offer.choiceRank,
                score: explanation.breakdown?.score,
                explanation: OfferExplanation.json(explanation, cutoff: explainer.cutoff(offer.vacancy)) {
                    snapshot.vacancies[$0].id
                }
            )
        }
    }

    private static func offers(snapshot: NightlySnapshot, instance: MatchInstance, assignment: [Int32]) -> [Offer] {
        assignment.indices.compactMap { candidate in
            let vacancy = assignment[candidate]
            guard vacancy >= 0 else { return nil }
            let choices = instance.choices[candidate]
            let position = choices.firstIndex(of: vacancy).map { $0 - choices.startIndex } ?? 0
            return Offer(candidate: candidate, vacancy: Int(vacancy), candidateID: snapshot.candidates[candidate].id,
                         vacancyID: snapshot.vacancies[Int(vacancy)].id, choiceRank: position + 1)
        }
    }

    private static func summarise(
        snapshot: NightlySnapshot, offers: [Offer], outcome: MatchOutcome, report: VerificationReport
    ) -> NightlySummary {
        var summary = NightlySummary()
        summary.vacancies = snapshot.vacancies.count
        summary.seats = snapshot.vacancies.reduce(0) { $0 + $1.profile.seats }
        summary.candidates = snapshot.candidates.count
        summary.filled = offers.count
        let underserved = Set(snapshot.vacancies.filter(\.underserved).map(\.id))
        summary.underservedSeats = snapshot.vacancies.filter(\.underserved).reduce(0) { $0 + $1.profile.seats }
        summary.underservedFilled = offers.filter { underserved.contains($0.vacancyID) }.count
        summary.floors = outcome.floorShortfalls.map {
            .init(region: $0.code.digits, floor: $0.floor, placed: $0.placed, shortfall: $0.shortfall)
        }
        let deepest = offers.map(\.choiceRank).max() ?? 0
        summary.rankDistribution = Array(repeating: 0, count: deepest)
        for offer in offers { summary.rankDistribution[offer.choiceRank - 1] += 1 }
        summary.stable = report.violations.isEmpty
        summary.violations = report.violations.count
        summary.proposals = outcome.statistics.proposals
        summary.rounds = outcome.statistics.rounds
        return summary
    }
}
