import Foundation

/// The facts stored with every run, committed or failed.
public struct RunRecord: Sendable {
    static let solverVersion = "MatchCore 1"
    /// Stands in for a committed run's snapshot hash inside its own write transaction, until
    /// the encoding finishes (see `RunWriter`); never visible outside it.
    static let pendingSnapshotHash = String(repeating: "0", count: 64)

    public let officeID: Int64
    public let officeCode: String
    /// The night, `YYYY-MM-DD`.
    public let date: String
    public let seed: UInt64
    public let policyID: Int64
    public let solver: String
    public let startedAt: Date
    public let summary: NightlySummary

    public init(
        officeID: Int64, officeCode: String, date: String, seed: UInt64, policyID: Int64, solver: String, startedAt: Date,
        summary: NightlySummary
    ) {
        self.officeID = officeID
        self.officeCode = officeCode
        self.date = date
        self.seed = seed
        self.policyID = policyID
        self.solver = solver
        self.startedAt = startedAt
        self.summary = summary
    }

    var summaryJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(summary)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
