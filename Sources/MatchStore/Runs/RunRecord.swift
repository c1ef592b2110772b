import Foundation
import MatchCore

/// The facts stored with every market run, committed or failed (ADR 0030).
public struct RunRecord: Sendable {
    static let solverVersion = "MatchCore 2"
    /// Stands in for a committed run's snapshot hash inside its own write transaction, until
    /// the encoding finishes (see `RunWriter`); never visible outside it.
    static let pendingSnapshotHash = String(repeating: "0", count: 64)

    /// One office's part of the run: the policy version its posts were scored by and its own
    /// summary, which only it (and the offices above it) can read.
    public struct OfficePart: Sendable {
        public let officeID: Int64
        public let policyID: Int64?
        public let summary: NightlySummary
        /// The office's parity report (ADR 0054); empty for a run that released nothing.
        public var parity: [ParityCell] = []

        public init(officeID: Int64, policyID: Int64?, summary: NightlySummary, parity: [ParityCell] = []) {
            self.officeID = officeID
            self.policyID = policyID
            self.summary = summary
            self.parity = parity
        }
    }

    public let marketID: Int64
    public let marketCode: String
    /// The night, `YYYY-MM-DD`.
    public let date: String
    /// The night's published lottery and its freeze; the seed is the lottery's.
    public let freeze: LotteryFreeze
    public let solver: String
    public let startedAt: Date
    /// The whole market's summary.
    public let summary: NightlySummary
    public let offices: [OfficePart]
    public let exclusions: [NightlySnapshot.Exclusion]

    public init(
        marketID: Int64, marketCode: String, date: String, freeze: LotteryFreeze, solver: String, startedAt: Date,
        summary: NightlySummary, offices: [OfficePart], exclusions: [NightlySnapshot.Exclusion]
    ) {
        self.marketID = marketID
        self.marketCode = marketCode
        self.date = date
        self.freeze = freeze
        self.solver = solver
        self.startedAt = startedAt
        self.summary = summary
        self.offices = offices
        self.exclusions = exclusions
    }

    public var seed: UInt64 { freeze.lottery.seed }

    var summaryJSON: String { Self.json(summary) }

    static func json(_ summary: NightlySummary) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(summary)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
