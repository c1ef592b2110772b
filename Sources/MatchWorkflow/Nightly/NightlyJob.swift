import Foundation
import MatchCore
import MatchStore

/// One office's nightly match, from snapshot to released offers.
///
/// The pipeline, top to bottom:
/// 1. take the advisory lock on (office, date): a second start returns `.alreadyRunning`;
///    a night with a committed run returns `.alreadyDone` unless `rerun` is set;
/// 2. snapshot the inputs in one repeatable-read transaction (`NightSession.readSnapshot`);
/// 3. build, solve, verify with MatchCore (`EngineRun`);
/// 4. release only a verified result: otherwise record a failed run and create no offer;
/// 5. write run, snapshot and offers, explained as they are written, in one transaction
///    (`NightSession.commit`).
///
/// Nothing is written before step 5 commits, so a run killed anywhere leaves no trace but
/// its lock, which PostgreSQL drops with the connection; running the night again reads the
/// same snapshot with the same seed and gives the same offers.
public struct NightlyJob: Sendable {
    let database: Database

    /// `database` should run as the application role.
    public init(database: Database) {
        self.database = database
    }

    /// - Parameter draft: a what-if's unstored policy (only with `options.dryRun`; see `WhatIfRun`).
    public func run(officeCode: String, options: NightlyOptions, draft: PolicyDraft? = nil) async throws -> NightlyOutcome {
        guard CalendarDate(options.date) != nil else { throw NightlyError.invalidDate(options.date) }
        precondition(draft == nil || options.dryRun, "a night with an unstored policy is only ever a dry run")
        return try await withRetry(options) {
            let outcome = try await database.withNightLock(officeCode: officeCode, date: options.date) { session in
                try await Night(session: session, options: options, draft: draft).run()
            }
            return outcome ?? .alreadyRunning
        }
    }

    /// Retries the whole job when the connection is lost; safe because nothing is written
    /// before the final commit, and a commit that did land is found as `.alreadyDone`.
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
    let draft: PolicyDraft?
    let startedAt = Date()

    var seed: UInt64 { NightlySeed.derive(officeCode: session.office.code, date: options.date) }

    func run() async throws -> NightlyOutcome {
        let existing = try await session.committedRun()
        if let existing, !options.rerun, !options.dryRun { return .alreadyDone(runID: existing) }
        // A rerun, and a what-if on a night that already ran, see the market as it was before
        // that night's run: its open offers are treated as withdrawn, accepted ones stay.
        options.progress("snapshot: reading office \(session.office.code) for \(options.date)")
        var clock = PhaseClock()
        let snapshot = try await session.readSnapshot(
            supersededRun: options.rerun || options.dryRun ? existing : nil, draft: draft, progress: options.progress
        )
        clock.lap("snapshot")
        guard snapshot.rejected.isEmpty else { return try await failed(snapshot, snapshot.rejected.map(\.description)) }
        let engine: EngineRun
        do {
            engine = try EngineRun(snapshot: snapshot, seed: seed, snapshotSeconds: clock.secondsByPhase["snapshot"] ?? 0,
                                   progress: options.progress)
        } catch {
            return try await failed(snapshot, ["the engine rejected the input at \(error.pointer): \(error.message)"])
        }
        guard engine.violations.isEmpty else {
            return try await failed(snapshot, ["the verifier found \(engine.violations.count) violation(s)"] + engine.violations,
                                    hash: await engine.encodedSnapshot.value.hash, solver: engine.solverName)
        }
        if options.dryRun { return try await dryRun(engine, comparedWith: existing) }
        return try await commit(engine, superseding: options.rerun ? existing : nil)
    }

    private func record(_ snapshot: NightlySnapshot, solver: String, summary: NightlySummary) -> RunRecord {
        RunRecord(officeID: session.office.id, officeCode: session.office.code, date: options.date, seed: seed,
                  policyID: snapshot.policy.id, solver: solver, startedAt: startedAt, summary: summary)
    }

    /// Records a run that is not released, with its reasons (a dry run records nothing).
    private func failed(_ snapshot: NightlySnapshot, _ reasons: [String], hash: String? = nil, solver: String = "none") async throws -> NightlyOutcome {
        guard !options.dryRun else { return .failed(runID: nil, reasons: reasons) }
        let runID = try await session.recordFailure(
            record(snapshot, solver: solver, summary: NightlySummary()),
            snapshotHash: hash ?? Digest.sha256Hex(reasons.joined(separator: "\n")), reasons: reasons
        )
        return .failed(runID: runID, reasons: reasons)
    }

    private func dryRun(_ engine: EngineRun, comparedWith night: Int64?) async throws -> NightlyOutcome {
        let report = NightlyReport(snapshotHash: await engine.encodedSnapshot.value.hash, seed: seed,
                                   policyVersion: engine.snapshot.policy.version, summary: engine.summary, offers: engine.offers.count)
        return .dryRun(report: report, difference: try await difference(engine, night: night))
    }

    private func commit(_ engine: EngineRun, superseding oldRun: Int64?) async throws -> NightlyOutcome {
        options.progress("writing and explaining \(engine.offers.count) offers")
        var clock = PhaseClock()
        var summary = engine.summary
        let written = try await session.commit(
            record(engine.snapshot, solver: engine.solverName, summary: summary), release: engine.release,
            offerDays: engine.snapshot.policy.offerDays, superseding: oldRun, actor: options.actor,
            options: RunWriteOptions(progress: options.progress, snapshotPartBytes: options.snapshotPartBytes)
        )
        clock.lap("write")
        let seconds = clock.secondsByPhase["write"] ?? 0
        summary.phaseSeconds["write"] = seconds
        try await session.recordWriteSeconds(seconds, runID: written.runID)
        return .committed(runID: written.runID, report: NightlyReport(
            snapshotHash: written.snapshotHash, seed: seed, policyVersion: engine.snapshot.policy.version, summary: summary,
            offers: engine.offers.count
        ))
    }

    /// Compares with the night's own committed run when there is one, else the newest.
    private func difference(_ engine: EngineRun, night: Int64?) async throws -> RunDifference {
        guard let last = try await session.lastCommittedAssignments(preferring: night) else { return RunDifference() }
        var difference = RunDifference(comparedRunID: last.runID)
        var now: [Int64: Int64] = [:]
        for offer in engine.offers { now[offer.candidateID] = offer.vacancyID }
        for (candidate, vacancy) in now {
            switch last.assignments[candidate] {
            case .none: difference.newlyPlaced += 1
            case .some(vacancy): difference.unchanged += 1
            case .some: difference.moved += 1
            }
        }
        difference.noLongerPlaced = last.assignments.keys.filter { now[$0] == nil }.count
        return difference
    }
}
