import Foundation
import PostgresNIO

/// Reads one office's parity report of a night, as the night counted it (ADR 0054): one row
/// per household type and per region, with the region's name. With a scoped handle, row-level
/// security decides what exists: another market's run, or another office's part, is not found.
public struct RunParityReader: Sendable {
    public struct Report: Sendable {
        public let runID: Int64
        public let date: String
        public let status: String
        /// In `ParityCell.Household` order; empty when the night counted none (it released
        /// nothing, or came before migration 0118).
        public let household: [ParityCell]
        /// By region code, each with its name.
        public let regions: [(cell: ParityCell, name: String)]
    }

    let database: Database

    /// `database` should be scoped (`Database.scoped`) to the reader.
    public init(database: Database) {
        self.database = database
    }

    /// The office's part of run `runID`, or nil when the reader cannot see the run or the
    /// office took no part in it.
    public func report(runID: Int64, officeID: Int64) async throws -> Report? {
        let logger = database.logger
        return try await database.transaction { connection in
            let runs = try await connection.query(
                """
                SELECT r.run_date::text, r.status FROM match_runs r
                JOIN match_run_offices ro ON ro.run_id = r.id AND ro.office_id = \(officeID) WHERE r.id = \(runID)
                """,
                logger: logger
            )
            var found: (String, String)?
            for try await row in runs.decode((String, String).self) { found = row }
            guard let (date, status) = found else { return nil }
            let rows = try await connection.query(
                """
                SELECT p.dimension, p.key, p.applicants, p.placed, p.choice_sum, coalesce(g.name, '')
                FROM match_run_parity p
                LEFT JOIN regions g ON p.dimension = 'region' AND g.code = CASE WHEN length(p.key) < 6 THEN rpad(p.key, 6, '0') ELSE p.key END
                WHERE p.run_id = \(runID) AND p.office_id = \(officeID)
                ORDER BY p.dimension, p.key
                """,
                logger: logger
            )
            var household: [ParityCell] = []
            var regions: [(cell: ParityCell, name: String)] = []
            for try await (dimension, key, applicants, placed, sum, name) in rows.decode((String, String, Int, Int, Int64, String).self) {
                guard let dimension = ParityCell.Dimension(rawValue: dimension) else { continue }
                let cell = ParityCell(dimension: dimension, key: key, applicants: applicants, placed: placed, choiceSum: Int(sum))
                if dimension == .household { household.append(cell) } else { regions.append((cell, name)) }
            }
            let order = ParityCell.Household.allCases.map(\.rawValue)
            household.sort { (order.firstIndex(of: $0.key) ?? 9) < (order.firstIndex(of: $1.key) ?? 9) }
            return Report(runID: runID, date: date, status: status, household: household, regions: regions)
        }
    }
}
