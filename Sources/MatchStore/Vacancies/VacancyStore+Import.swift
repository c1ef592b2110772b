import Foundation
import Logging
import PostgresNIO

extension VacancyStore {
    /// Imports a centre's posts from CSV, one row per post, matched on the centre's own
    /// external id: new ids are created as drafts (or the status the file gives), changed rows
    /// are updated, identical rows are left alone, so importing the same file twice changes
    /// nothing the second time.
    ///
    /// All or nothing: every row is checked first, and with any problem (or `dryRun`) nothing
    /// is written and the report lists each problem with its row and column. Otherwise the
    /// writes happen in bulk (UNNEST batches) in the same transaction, audited as one import.
    public func importCSV(_ text: String, centreID: Int64, dryRun: Bool, context: AuditContext) async throws -> VacancyImportReport {
        let reader = VacancyCSVReader(text: text)
        var report = VacancyImportReport(dryRun: dryRun, rows: reader.rows.count, problems: reader.problems)
        let logger = database.logger
        return try await database.transaction { connection in
            try await Self.requireActiveCentre(centreID, on: connection, logger: logger)
            // One import per centre at a time: two would race to create the same external ids.
            try await connection.query("SELECT pg_advisory_xact_lock(7301, hashtext(\(String(centreID))))", logger: logger)
            var plan = try await Self.plan(reader, centreID: centreID, on: connection, logger: logger)
            plan.problems.append(contentsOf: report.problems)
            plan.dropInvalidRows()
            report.problems = plan.problems.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
            report.created = plan.created.count
            report.updated = plan.updated.count
            report.unchanged = plan.unchanged.count
            report.invalid = plan.invalidRows.count
            guard report.problems.isEmpty, !dryRun else { return report }
            let writer = VacancyWriter(connection: connection, logger: logger)
            _ = try await writer.insert(plan.created.map(\.draft), statuses: plan.created.map(\.status), centreID: centreID)
            try await writer.update(ids: plan.updated.map(\.id), plan.updated.map(\.draft), statuses: plan.updated.map(\.status), centreID: centreID)
            try await OfferWithdrawals.afterPostsChanged(
                plan.updated.map(\.id), actor: context.actor, source: context.source, on: connection, logger: logger)
            let digest = Digest.sha256Hex(text)
            try await AuditLog.record(
                actor: context.actor, action: "vacancy.import", subject: "centre:\(centreID)",
                details: ["rows": "\(report.rows)", "created": "\(report.created)", "updated": "\(report.updated)",
                          "unchanged": "\(report.unchanged)", "sha256": digest],
                source: context.source, on: connection, logger: logger
            )
            report.committed = true
            return report
        }
    }

    /// What an import would write, and every problem that stops it. A row with any problem
    /// counts only as invalid, never as created, updated or unchanged (issue 13: a dry run
    /// called bad rows "created").
    private struct ImportPlan {
        var created: [(row: Int, draft: VacancyDraft, status: VacancyStatus)] = []
        var updated: [(row: Int, id: Int64, draft: VacancyDraft, status: VacancyStatus)] = []
        var unchanged: [Int] = []
        var problems: [VacancyImportProblem] = []

        /// The file lines (after the header) that have at least one problem.
        var invalidRows: Set<Int> { Set(problems.map(\.row).filter { $0 > 1 }) }

        mutating func dropInvalidRows() {
            let invalid = invalidRows
            created.removeAll { invalid.contains($0.row) }
            updated.removeAll { invalid.contains($0.row) }
            unchanged.removeAll { invalid.contains($0) }
        }
    }

    private static func plan(
        _ reader: VacancyCSVReader, centreID: Int64, on connection: PostgresConnection, logger: Logger
    ) async throws -> ImportPlan {
        var plan = ImportPlan()
        guard !reader.rows.isEmpty else { return plan }
        let reference = try await VacancyReference.load(on: connection, logger: logger)
        let centre = try await CentreRegion.load(centreID: centreID, on: connection, logger: logger)
        var firstRow: [String: Int] = [:]
        for row in reader.rows {
            plan.problems.append(contentsOf: reader.problems(of: row, row.draft.problems(reference: reference, centre: centre)))
            if let earlier = firstRow[row.draft.externalID] {
                plan.problems.append(.init(row: row.row, column: reader.header(.externalID),
                                           message: "'\(row.draft.externalID)' is also on row \(earlier); one row per post"))
            } else {
                firstRow[row.draft.externalID] = row.row
            }
        }
        let existing = try await VacancyReader(connection: connection, logger: logger)
            .read(centreID: centreID, .externalIDs(Array(firstRow.keys)))
        let byExternalID = Dictionary(existing.map { ($0.draft.externalID, $0) }, uniquingKeysWith: { first, _ in first })
        var seatFloors: [(row: VacancyCSVReader.Row, id: Int64)] = []
        for row in reader.rows where firstRow[row.draft.externalID] == row.row {
            let draft = row.draft.canonical
            guard let current = byExternalID[draft.externalID] else {
                plan.created.append((row.row, draft, row.status ?? .draft))
                continue
            }
            let status = row.status ?? current.status
            let contentChanged = draft != current.draft.canonical
            if status != current.status && !current.status.canBecome(status) {
                plan.problems.append(.init(row: row.row, column: reader.header(.status),
                                           message: "post '\(draft.externalID)' is \(current.status.rawValue) and cannot become \(status.rawValue)"))
            } else if contentChanged && current.status == .closed {
                plan.problems.append(.init(row: row.row, column: reader.header(.externalID),
                                           message: "post '\(draft.externalID)' is closed; a closed post is not changed"))
            } else if contentChanged || status != current.status {
                plan.updated.append((row.row, current.id, draft, status))
                if draft.seats < current.draft.seats { seatFloors.append((row, current.id)) }
            } else {
                plan.unchanged.append(row.row)
            }
        }
        let accepted = try await VacancyOfferCounts.accepted(of: seatFloors.map(\.id), on: connection, logger: logger)
        for (row, id) in seatFloors where row.draft.seats < accepted[id] ?? 0 {
            plan.problems.append(.init(row: row.row, column: reader.header(.seats),
                                       message: "\(accepted[id] ?? 0) candidates have accepted this post; seats cannot go below that"))
        }
        plan.dropInvalidRows()
        return plan
    }
}
