import MatchStore

/// How a nightly start ended.
public enum NightlyOutcome: Sendable {
    /// Another process holds this office and night; nothing was done.
    case alreadyRunning
    /// This night already has a committed run; pass `rerun` to replace it.
    case alreadyDone(runID: Int64)
    /// Offers were released.
    case committed(runID: Int64, report: NightlyReport)
    /// Nothing was written; `difference` compares with the last committed run.
    case dryRun(report: NightlyReport, difference: RunDifference)
    /// The run was recorded as failed and no offer was created.
    case failed(runID: Int64?, reasons: [String])
}

/// The facts of one solved night.
public struct NightlyReport: Sendable {
    public let snapshotHash: String
    public let seed: UInt64
    public let policyVersion: Int
    public let summary: NightlySummary
    public let offers: Int
}

/// How a what-if result differs from the last committed run, candidate by candidate.
public struct RunDifference: Sendable, Equatable {
    public var comparedRunID: Int64?
    public var unchanged = 0
    public var moved = 0
    public var newlyPlaced = 0
    public var noLongerPlaced = 0

    public var lines: [String] {
        guard let comparedRunID else { return ["no committed run to compare with"] }
        return ["compared with run \(comparedRunID): \(unchanged) unchanged, \(moved) moved to another vacancy, "
                + "\(newlyPlaced) newly placed, \(noLongerPlaced) no longer placed"]
    }
}
