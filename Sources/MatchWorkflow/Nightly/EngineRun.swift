import MatchCore
import MatchStore

/// The engine's part of a market's night: build the instance from the snapshot (each post
/// ordered by its own office's policy, every office's caps and floors merged, ADR 0030),
/// solve, verify and summarise; encode the snapshot beside it; explain offers on demand.
/// Pure computation on values, so it can be tested and timed alone.
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
        /// The post's rank in the candidate's whole list.
        let choiceRank: Int
    }

    let snapshot: NightlySnapshot
    let explainer: Explainer
    /// In candidate order.
    let offers: [Offer]
    let summary: NightlySummary
    let officeParts: [RunRecord.OfficePart]
    let violations: [String]
    /// How the couples phase ended (ADR 0039); `no-couples` without couples.
    let couplesSettlement: CouplesSettlement
    /// Settled, feasible and stable: only such a result is released (ADR 0039's fallback holds the rest).
    let isReleasable: Bool
    let solverName: String
    /// Encoded on another thread from the moment the instance is built: the encoding (hundreds
    /// of megabytes at national scale) needs only the instance.
    let encodedSnapshot: Task<RunRelease.EncodedSnapshot, Never>

    /// - Parameters:
    ///   - snapshot: its offices in code order and each office's posts in id order, as
    ///     `SnapshotReader` reads them, so instance positions are snapshot positions.
    ///   - lottery: the night's published lottery (nil for a what-if, which uses `seed`).
    /// - Throws: the engine's own words when the market as a whole is not a valid instance
    ///   (a post it refuses is left out by `EngineRun.build` instead).
    init(
        snapshot: NightlySnapshot, lottery: LotteryReveal?, seed: UInt64, snapshotSeconds: Double, progress: (String) -> Void
    ) throws(InputError) {
        var clock = PhaseClock()
        progress("building the instance: \(snapshot.candidates.count) candidates, \(snapshot.vacancies.count) vacancies "
                 + "of \(snapshot.offices.filter { $0.policy != nil }.count) offices")
        let (snapshot, built) = try Self.build(snapshot, seed: lottery?.seed ?? seed, progress: progress)
        let instance = built.document.instance
        clock.lap("build")
        encodedSnapshot = Task {
            await ParallelWork.offThePool {
                let started = ContinuousClock.now
                let bytes = InstanceEncoder.encode(instance, lottery: lottery)
                return RunRelease.EncodedSnapshot(bytes: bytes, hash: Digest.sha256Hex(bytes), duration: ContinuousClock.now - started)
            }
        }
        progress("solving (encoding the snapshot alongside)")
        let outcome = MatchEngine.solve(instance)
        solverName = "\(outcome.mechanism)"
        clock.lap("solve")
        progress("verifying the whole market")
        let report = Verifier.verify(instance, assignment: outcome.assignment)
        violations = report.violations.map { "\($0)" }
        couplesSettlement = outcome.couplesSettlement
        isReleasable = outcome.isReleasable(verifiedBy: report)
        clock.lap("verify")
        self.snapshot = snapshot
        explainer = Explainer(instance: instance, assignment: outcome.assignment, assessment: built.document.assessment)
        offers = Self.offers(snapshot: snapshot, assignment: outcome.assignment)
        var summaries = NightSummaries(snapshot: snapshot, built: built, offers: offers)
        summaries.record(outcome: outcome, report: report)
        var summary = summaries.market
        summary.phaseSeconds = clock.secondsByPhase.merging(["snapshot": snapshotSeconds]) { $1 }
        self.summary = summary
        // Every office's part shows how long the market's night took.
        officeParts = summaries.offices.map { part in
            var own = part.summary
            own.phaseSeconds = summary.phaseSeconds
            return RunRecord.OfficePart(officeID: part.officeID, policyID: part.policyID, summary: own)
        }
    }

    /// Builds the market's instance. A post the engine refuses (its pointer names one vacancy)
    /// is left out with the engine's words and the rest is built again, so one row cannot
    /// stop the market; anything else stops the night.
    static func build(
        _ snapshot: NightlySnapshot, seed: UInt64, progress: (String) -> Void
    ) throws(InputError) -> (NightlySnapshot, MarketMatching.Built) {
        var snapshot = snapshot
        while true {
            do throws(InputError) {
                let built = try MarketMatching.instance(
                    offices: Self.offices(snapshot), candidates: snapshot.candidates.map(\.profile), held: snapshot.held,
                    // A couple's partners are matched by their joint list only (ADR 0040).
                    couples: snapshot.coupleRequests(), seed: seed,
                    rankingPositions: snapshot.candidates.map { $0.inCouple ? [] : $0.choices }
                )
                // The snapshot lists offices in code order (byte order, as the engine sorts), so
                // instance positions are snapshot positions; anything else is a defect here.
                guard built.inputPosition.enumerated().allSatisfy({ $0.offset == Int($0.element) }) else {
                    throw InputError("/offices", "the snapshot's offices are not in code order")
                }
                return (snapshot, built)
            } catch {
                guard let position = Self.vacancy(named: error.pointer), position < snapshot.vacancies.count else { throw error }
                progress("leaving out vacancy \(snapshot.vacancies[position].id): \(error.message)")
                snapshot = snapshot.leavingOut([position], reason: .engineRefused) { _ in "\(error.pointer): \(error.message)" }
            }
        }
    }

    /// The market's offices with a policy, each with its posts, in the snapshot's order.
    private static func offices(_ snapshot: NightlySnapshot) -> [MarketMatching.Office] {
        var posts = [[VacancyProfile]](repeating: [], count: snapshot.offices.count)
        for vacancy in snapshot.vacancies { posts[vacancy.office].append(vacancy.profile) }
        return snapshot.offices.indices.compactMap { index in
            guard let policy = snapshot.offices[index].policy else { return nil }
            return MarketMatching.Office(code: snapshot.offices[index].office.code, policy: policy.policy, regions: policy.regions,
                                         vacancies: posts[index])
        }
    }

    /// `/vacancies/17/…` → 17.
    private static func vacancy(named pointer: String) -> Int? {
        let parts = pointer.split(separator: "/")
        guard parts.count >= 2, parts[0] == "vacancies" else { return nil }
        return Int(parts[1])
    }

    /// The verified result as the writer takes it: explanations are made batch by batch, as
    /// the writer asks for them.
    var release: RunRelease {
        var release = RunRelease(offerCount: offers.count, verifierViolations: violations.count, encodedSnapshot: encodedSnapshot) { range in
            placements(range)
        }
        release.cutoffs = { cutoffs() }
        return release
    }

    /// Every post's cutoff tonight (ADR 0037).
    func cutoffs() -> RunRelease.Cutoffs {
        var result = RunRelease.Cutoffs()
        for (position, vacancy) in snapshot.vacancies.enumerated() {
            switch explainer.cutoff(position) {
            case .open: result.append(vacancyID: vacancy.id, score: nil, rank: nil)
            case .score(let score): result.append(vacancyID: vacancy.id, score: score, rank: nil)
            case .rank(let rank): result.append(vacancyID: vacancy.id, score: nil, rank: rank)
            }
        }
        return result
    }

    /// The offers at `range` of `offers`, each with its exact explanation.
    func placements(_ range: Range<Int>) -> [RunRelease.Placement] {
        offers[range].map { offer in
            let explanation = explainer.explain(offer.candidate)
            let office = snapshot.offices[snapshot.vacancies[offer.vacancy].office]
            return RunRelease.Placement(
                candidateID: offer.candidateID, vacancyID: offer.vacancyID, choiceRank: offer.choiceRank,
                score: explanation.breakdown?.score, offerDays: office.policy?.offerDays ?? 7,
                explanation: OfferExplanation.json(explanation, cutoff: explainer.cutoff(offer.vacancy), choice: offer.choiceRank) {
                    snapshot.vacancies[$0].id
                }
            )
        }
    }

    /// A couple's partner's choice rank is the rank of the couple's pair they were placed by.
    private static func offers(snapshot: NightlySnapshot, assignment: [Int32]) -> [Offer] {
        let pairRanks = CouplePairRanks(snapshot: snapshot, assignment: assignment)
        return assignment.indices.compactMap { candidate in
            let vacancy = assignment[candidate]
            guard vacancy >= 0 else { return nil }
            let person = snapshot.candidates[candidate]
            let rank = pairRanks[person.id] ?? person.rank(ofChoice: person.choices.firstIndex(of: vacancy) ?? 0)
            return Offer(candidate: candidate, vacancy: Int(vacancy), candidateID: person.id,
                         vacancyID: snapshot.vacancies[Int(vacancy)].id, choiceRank: rank)
        }
    }
}
