import Foundation
import MatchCore
import MatchStore

/// One market's nightly match, from frozen rankings to released offers (ADR 0020, 0030, 0031).
///
/// The pipeline, top to bottom:
/// 1. take the advisory lock on (market, date): a second start returns `.alreadyRunning`;
///    a night with a committed run returns `.alreadyDone` unless `rerun` is set;
/// 2. honour the seat priorities a review granted (docs/offers.md), then freeze the market's rankings and publish the lottery's commitment, committed on its own
///    before anything is read (`NightSession.freeze`);
/// 3. snapshot the whole market in one repeatable-read transaction (`NightSession.readSnapshot`):
///    a post that cannot be used tonight is left out with its reason, the rest runs;
/// 4. build (each post ordered by its own office's policy), solve, verify the whole market with
///    MatchCore (`EngineRun`);
/// 5. release only a verified result: otherwise record a failed run and create no offer;
/// 6. write run, offices' parts, left-out posts, snapshot and offers, explained as they are
///    written, and reveal the lottery's secret, in one transaction (`NightSession.commit`).
///
/// Nothing but the freeze is written before step 6 commits, so a run killed anywhere leaves
/// its lock, which PostgreSQL drops with the connection, and its freeze, which the next start
/// of the same night takes up with the same secret: it reads the same snapshot with the same
/// lottery and gives the same offers.
public struct NightlyJob: Sendable {
    let database: Database

    /// `database` should run as the application role.
    public init(database: Database) {
        self.database = database
    }

    /// The night of the market an office belongs to (`--office` without `--market`).
    public func run(officeCode: String, options: NightlyOptions) async throws -> NightlyOutcome {
        try await run(market: .ofOffice(officeCode), options: options)
    }

    /// - Parameter whatIf: a what-if's office and its unstored policy, nil for its current one
    ///   (only with `options.dryRun`; see `WhatIfRun`): the comparison tells its own posts apart.
    public func run(
        market: MarketChoice, options: NightlyOptions, whatIf: (office: String, policy: PolicyDraft?)? = nil
    ) async throws -> NightlyOutcome {
        guard let night = CalendarDate(options.date) else { throw NightlyError.invalidDate(options.date) }
        let today = CalendarDate.today()
        guard night <= today else { throw NightlyError.futureNight(night: night.description, today: today.description) }
        precondition(whatIf == nil || options.dryRun, "a night with an unstored policy is only ever a dry run")
        let officeDraft = try await resolve(whatIf)
        return try await withRetry(options) {
            let outcome = try await database.withNightLock(market: market, date: night.description) { session in
                try await Night(session: session, options: options, draft: officeDraft, today: today).run()
            }
            return outcome ?? .alreadyRunning
        }
    }

    private func resolve(_ whatIf: (office: String, policy: PolicyDraft?)?) async throws -> OfficeDraft? {
        guard let whatIf else { return nil }
        guard let office = try await OfficeRecord.find(code: whatIf.office, in: database) else { throw NightlyError.unknownOffice(whatIf.office) }
        return OfficeDraft(officeID: office.id, draft: whatIf.policy)
    }

    /// Retries the whole job when the connection is lost; safe because nothing but the freeze
    /// is written before the final commit (and the freeze is taken up again), and a commit
    /// that did land is found as `.alreadyDone`.
    private func withRetry(_ options: NightlyOptions, _ body: () async throws -> NightlyOutcome) async throws -> NightlyOutcome {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch let error as DatabaseError where attempt < 3 && error.isConnectionLoss {
                options.progress("\(error.message); retrying, attempt \(attempt + 1) of 3")
                try await Task.sleep(for: .seconds(attempt))
                attempt += 1
            }
        }
    }
}

/// One locked night, step by step: what `NightlyJob` runs while it holds the lock.
private struct Night {
    let session: NightSession
    let options: NightlyOptions
    let draft: OfficeDraft?
    let today: CalendarDate
    let startedAt = Date()

    func run() async throws -> NightlyOutcome {
        let existing = try await session.committedRun()
        if let existing, !options.rerun, !options.dryRun { return .alreadyDone(runID: existing) }
        if options.dryRun { return try await whatIf(comparedWith: existing) }
        let priorities = try await session.honourSeatPriorities()
        if priorities.honoured + priorities.lapsed > 0 {
            options.progress("seat priorities: \(priorities.honoured) offers restored, \(priorities.lapsed) priorities lapsed")
        }
        let freeze = try await session.freeze(drawing: options.drawLottery)
        options.progress("lottery: rankings of market \(session.market.code) frozen; commitment sha256:\(freeze.lottery.commitment)"
                         + (freeze.resumed ? " (taken up from an interrupted start)" : ""))
        do {
            return try await solveAndCommit(freeze, superseding: options.rerun ? existing : nil)
        } catch let error as DatabaseError where error.isConnectionLoss {
            throw error
        } catch {
            // Nothing was released: reveal the secret and let rankings change again.
            try? await session.releaseFreeze(freeze)
            throw error
        }
    }

    /// A rerun sees the market as it was before that night's run: its open offers are treated
    /// as withdrawn, accepted ones stay.
    private func solveAndCommit(_ freeze: LotteryFreeze, superseding oldRun: Int64?) async throws -> NightlyOutcome {
        options.progress("snapshot: reading market \(session.market.code) for \(options.date)")
        var clock = PhaseClock()
        let snapshot = try await session.readSnapshot(supersededRun: oldRun, draft: nil, progress: options.progress)
        clock.lap("snapshot")
        try checkDeadline(snapshot)
        let engine: EngineRun
        do {
            engine = try EngineRun(snapshot: snapshot, lottery: freeze.lottery, seed: freeze.lottery.seed,
                                   snapshotSeconds: clock.secondsByPhase["snapshot"] ?? 0, progress: options.progress)
        } catch {
            return try await failed(snapshot, freeze, ["the engine rejected the market at \(error.pointer): \(error.message)"])
        }
        guard engine.isReleasable || engine.couplesSettlement == .noCouples else {
            // ADR 0039's fallback: a result with couples that is not proven stable is held, never released.
            let held = try await failed(engine.snapshot, freeze, Self.heldReasons(engine), hash: await engine.encodedSnapshot.value.hash,
                                        solver: engine.solverName, summary: engine.summary, parts: engine.officeParts)
            if case .failed(let runID?, _) = held { try await recordCouples(engine, runID: runID) }
            return held
        }
        guard engine.violations.isEmpty else {
            return try await failed(engine.snapshot, freeze, ["the verifier found \(engine.violations.count) violation(s)"] + engine.violations,
                                    hash: await engine.encodedSnapshot.value.hash, solver: engine.solverName, parts: engine.officeParts)
        }
        return try await commit(engine, freeze, superseding: oldRun)
    }

    private func recordCouples(_ engine: EngineRun, runID: Int64) async throws {
        try await session.recordCouples(engine.snapshot.couples.count, settlement: engine.couplesSettlement.rawValue, runID: runID)
    }

    /// Why a night with couples is held for review (ADR 0039): how the couples phase ended and
    /// what the verifier found, for the office to resolve by hand.
    static func heldReasons(_ engine: EngineRun) -> [String] {
        ["held for review: the couples phase ended \(engine.couplesSettlement.rawValue) and no offer was released (ADR 0039); "
         + "the verifier found \(engine.violations.count) violation(s)"] + engine.violations
    }

    /// Offers count their deadline from the night; a night so old that they would be born
    /// expired is refused rather than run.
    private func checkDeadline(_ snapshot: NightlySnapshot) throws {
        guard let night = CalendarDate(options.date) else { return }
        let days = snapshot.offices.compactMap { $0.policy?.offerDays }.min() ?? 7
        let deadline = night.adding(days: days)
        if deadline < today { throw NightlyError.nightTooOld(night: night.description, deadline: deadline.description) }
    }

    private func record(_ snapshot: NightlySnapshot, _ freeze: LotteryFreeze, solver: String, summary: NightlySummary,
                        parts: [RunRecord.OfficePart]) -> RunRecord {
        RunRecord(marketID: session.market.id, marketCode: session.market.code, date: options.date, freeze: freeze, solver: solver,
                  startedAt: startedAt, summary: summary, offices: parts, exclusions: snapshot.exclusions)
    }

    /// Records a run that is not released, with its reasons, and reveals the lottery.
    private func failed(
        _ snapshot: NightlySnapshot, _ freeze: LotteryFreeze, _ reasons: [String], hash: String? = nil, solver: String = "none",
        summary: NightlySummary = NightlySummary(), parts: [RunRecord.OfficePart] = []
    ) async throws -> NightlyOutcome {
        let runID = try await session.recordFailure(
            record(snapshot, freeze, solver: solver, summary: summary, parts: parts),
            snapshotHash: hash ?? Digest.sha256Hex(reasons.joined(separator: "\n")), reasons: reasons
        )
        return .failed(runID: runID, reasons: reasons)
    }

    private func commit(_ engine: EngineRun, _ freeze: LotteryFreeze, superseding oldRun: Int64?) async throws -> NightlyOutcome {
        options.progress("writing and explaining \(engine.offers.count) offers")
        var clock = PhaseClock()
        var summary = engine.summary
        // Each office's parity report is counted once, here, from the night's own snapshot (ADR 0054).
        var parts = engine.officeParts
        for (index, cells) in OfficeParity.cells(snapshot: engine.snapshot, offers: engine.offers).enumerated() where index < parts.count {
            parts[index].parity = cells
        }
        let written = try await session.commit(
            record(engine.snapshot, freeze, solver: engine.solverName, summary: summary, parts: parts),
            release: engine.release, superseding: oldRun, actor: options.actor,
            options: RunWriteOptions(progress: options.progress, snapshotPartBytes: options.snapshotPartBytes)
        )
        clock.lap("write")
        let seconds = clock.secondsByPhase["write"] ?? 0
        summary.phaseSeconds["write"] = seconds
        try await session.recordWriteSeconds(seconds, runID: written.runID)
        try await recordCouples(engine, runID: written.runID)
        return .committed(runID: written.runID, report: report(engine, hash: written.snapshotHash, lottery: freeze.lottery, summary: summary))
    }

    /// A what-if: the whole market solved with the office's draft policy, never written. It
    /// draws the lottery of the run it compares with, so that only the policy differs.
    private func whatIf(comparedWith night: Int64?) async throws -> NightlyOutcome {
        let last = try await session.lastCommittedAssignments(preferring: night)
        let seed = last?.seed ?? NightlySeed.derive(marketCode: session.market.code, date: options.date)
        var clock = PhaseClock()
        let snapshot = try await session.readSnapshot(supersededRun: night, draft: draft, progress: options.progress)
        clock.lap("snapshot")
        let engine: EngineRun
        do {
            engine = try EngineRun(snapshot: snapshot, lottery: nil, seed: seed, snapshotSeconds: clock.secondsByPhase["snapshot"] ?? 0,
                                   progress: options.progress)
        } catch {
            return .failed(runID: nil, reasons: ["the engine rejected the market at \(error.pointer): \(error.message)"])
        }
        guard engine.isReleasable || engine.couplesSettlement == .noCouples else {
            return .failed(runID: nil, reasons: Self.heldReasons(engine))
        }
        guard engine.violations.isEmpty else {
            return .failed(runID: nil, reasons: ["the verifier found \(engine.violations.count) violation(s)"] + engine.violations)
        }
        let difference = WhatIfComparison(engine: engine, draftOffice: draft?.officeID).difference(from: last)
        return .dryRun(report: report(engine, hash: await engine.encodedSnapshot.value.hash, lottery: nil, summary: engine.summary),
                       difference: difference)
    }

    private func report(_ engine: EngineRun, hash: String, lottery: LotteryReveal?, summary: NightlySummary) -> NightlyReport {
        let parts = zip(engine.snapshot.offices, engine.officeParts).map { office, part in
            NightlyReport.OfficePart(office: office.office, policyVersion: office.policy?.version, summary: part.summary)
        }
        return NightlyReport(
            market: session.market.code, snapshotHash: hash, seed: lottery?.seed ?? engine.explainer.instance.seed, lottery: lottery,
            summary: summary, offices: parts, exclusions: engine.snapshot.exclusions, offers: engine.offers.count
        )
    }
}
