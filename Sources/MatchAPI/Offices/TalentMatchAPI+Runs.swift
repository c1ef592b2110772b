import Foundation
import MatchStore
import MatchWorkflow

extension TalentMatchAPI {
    func listRuns(_ input: Operations.ListRuns.Input) async throws -> Operations.ListRuns.Output {
        let principal = try RequestInfo.principal()
        try Access.require(.runsRead, of: principal)
        let office = try await Access.visibleOffice(input.path.officeCode, for: principal, in: database)
        let limit = try PageCursor.limit(input.query.limit)
        let before = try PageCursor.decode(input.query.cursor)
        let runs = try await RunReports(database: scopedDatabase(principal)).list(officeID: office.id, before: before, limit: limit + 1)
        let page = runs.prefix(limit)
        let next = runs.count > limit ? page.last.map { PageCursor.encode(lastID: $0.id) } : nil
        return .ok(.init(body: .json(.init(items: page.map(RunMapping.item), next: next))))
    }

    func getRunSummary(_ input: Operations.GetRunSummary.Input) async throws -> Operations.GetRunSummary.Output {
        let principal = try RequestInfo.principal()
        try Access.require(.runsRead, of: principal)
        try Access.requireOffice(principal)
        guard let detail = try await RunReports(database: scopedDatabase(principal)).detail(runID: input.path.runId) else {
            throw Problem(.notFound, "no run \(input.path.runId) in this token's region")
        }
        // Row-level security already hid other regions' runs; the handler checks again.
        _ = try await Access.visibleOffice(detail.run.office, for: principal, in: database)
        return .ok(.init(body: .json(.init(
            run: RunMapping.item(detail.run), policyVersion: detail.run.policyVersion, summary: RunMapping.summary(detail.summary),
            fillByRegion: detail.fillByRegion.map { .init(region: $0.region, name: $0.name, seats: $0.seats, filled: $0.filled) }
        ))))
    }

    /// A what-if runs the nightly pipeline with `dryRun`, which writes nothing, with the
    /// current policy or the draft given, on the trusted pool: the snapshot must see the
    /// office's whole market, and the handler has already checked that the caller is this office.
    func runWhatIf(_ input: Operations.RunWhatIf.Input) async throws -> Operations.RunWhatIf.Output {
        let principal = try RequestInfo.principal()
        try Access.require(.runsDryRun, of: principal)
        let office = try await Access.ownOffice(input.path.officeCode, for: principal, in: database)
        guard case .json(let body) = input.body else { throw Problem(.unsupportedMediaType, "send the what-if as application/json") }
        let date = try Self.night(body.date)
        let draft = try body.policy.map { try PolicyMapping.draft(from: $0, pointer: "/policy") }
        if let draft {
            do {
                try await PolicyStore(database: database).checkRegions(of: draft, officeCode: office.code)
            } catch PolicyDraftError.regionRefused(let index, _, let problem) {
                throw Problem.invalid("/policy/regions/\(index)/region", problem)
            }
        }
        let outcome = try await WhatIfRun.run(office: office, draft: draft, date: date, actor: principal.actor, database: trustedDatabase)
        return .ok(.init(body: .json(RunMapping.whatIf(outcome))))
    }

    /// A day the client sent (today in China when absent), refused at `pointer` unless it is real.
    static func night(_ text: String?, pointer: String = "/date") throws -> String {
        guard let text else { return CalendarDate.today().description }
        guard let date = CalendarDate(text) else { throw Problem.invalid(pointer, "\(CalendarDate.expectation), got '\(text)'") }
        return date.description
    }
}
