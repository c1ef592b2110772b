import MatchCore
import MatchStore

/// How a nightly start ended.
public enum NightlyOutcome: Sendable {
    /// Another process holds this market and night; nothing was done.
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

/// The facts of one solved night: the market's and each office's.
public struct NightlyReport: Sendable {
    /// One office's part: the policy version its posts were scored by and its own summary.
    public struct OfficePart: Sendable {
        public let office: NightlySnapshot.Office
        /// Nil when the office had no policy and its posts sat the night out.
        public let policyVersion: Int?
        public let summary: NightlySummary
    }

    public let market: String
    public let snapshotHash: String
    public let seed: UInt64
    /// The lottery: its commitment, published before the night, and the revealed secret
    /// (nil for a what-if, which draws no lottery of its own).
    public let lottery: LotteryReveal?
    public let summary: NightlySummary
    public let offices: [OfficePart]
    public let exclusions: [NightlySnapshot.Exclusion]
    public let offers: Int

    /// An office's part, by code.
    public func part(of officeCode: String) -> OfficePart? {
        offices.first { $0.office.code == officeCode }
    }
}

/// How a what-if result differs from the last committed run, candidate by candidate. With a
/// draft for one office, the changes on its own posts are told apart from those that spill
/// over to other offices' posts (`ownPosts`, `spillover`).
public struct RunDifference: Sendable, Equatable {
    /// Counts of candidates whose placement changed in one way or another.
    public struct Changes: Sendable, Equatable {
        public var unchanged = 0
        public var moved = 0
        public var newlyPlaced = 0
        public var noLongerPlaced = 0

        public var changed: Int { moved + newlyPlaced + noLongerPlaced }

        public init() {}
    }

    /// What another office's posts gained and lost.
    public struct Shift: Sendable, Equatable {
        public var gained = 0
        public var lost = 0

        public init(gained: Int = 0, lost: Int = 0) {
            self.gained = gained
            self.lost = lost
        }
    }

    public var comparedRunID: Int64?
    public var unchanged = 0
    public var moved = 0
    public var newlyPlaced = 0
    public var noLongerPlaced = 0
    /// Candidates placed on the draft office's posts before or after.
    public var ownPosts = Changes()
    /// Candidates placed only on other offices' posts, before or after: the spillover.
    public var spillover = Changes()
    /// Per other office, how many candidates its posts gained and lost.
    public var spilloverByOffice: [String: Shift] = [:]
    /// The draft office's posts whose set of candidates changes, in snapshot order.
    public var ownPostChanges: [PostChange] = []
    /// The draft office's seats and placements by region, before and after, over tonight's posts.
    public var ownFillByRegion: [RegionFill] = []

    public var lines: [String] {
        guard let comparedRunID else { return ["no committed run to compare with"] }
        var lines = ["compared with run \(comparedRunID): \(unchanged) unchanged, \(moved) moved to another vacancy, "
                     + "\(newlyPlaced) newly placed, \(noLongerPlaced) no longer placed"]
        if ownPosts.changed + spillover.changed > 0 || !spilloverByOffice.isEmpty {
            lines.append("on the office's own posts: \(ownPosts.moved) moved, \(ownPosts.newlyPlaced) newly placed, "
                         + "\(ownPosts.noLongerPlaced) no longer placed")
            lines.append("spilling over to other offices: \(spillover.changed) candidates placed differently")
            for office in spilloverByOffice.keys.sorted() {
                let change = spilloverByOffice[office] ?? Shift()
                lines.append("  \(office): \(change.gained) gained, \(change.lost) lost")
            }
        }
        return lines
    }
}
