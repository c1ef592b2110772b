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

    /// A market's run reads as the token's office's part of it; a run of one office from
    /// before markets as it always did.
    func getRunSummary(_ input: Operations.GetRunSummary.Input) async throws -> Operations.GetRunSummary.Output {
        let principal = try RequestInfo.principal()
        try Access.require(.runsRead, of: principal)
        guard case .office(let officeID, _, _) = principal.organisation else {
            throw Problem(.forbidden, "this is an office operation; a centre token may not call it")
        }
        guard let detail = try await RunReports(database: scopedDatabase(principal)).detail(runID: input.path.runId, officeID: officeID) else {
            throw Problem(.notFound, "no run \(input.path.runId) in this token's region")
        }
        // Row-level security already hid other regions' runs and other markets'; the handler checks again.
        if let office = detail.run.office {
            _ = try await Access.visibleOffice(office, for: principal, in: database)
        } else if detail.offices.isEmpty {
            throw Problem(.notFound, "no run \(input.path.runId) in this token's region")
        }
        return .ok(.init(body: .json(RunMapping.detail(detail))))
    }

    func getOfficeMarket(_ input: Operations.GetOfficeMarket.Input) async throws -> Operations.GetOfficeMarket.Output {
        let principal = try RequestInfo.principal()
        try Access.require(.runsRead, of: principal)
        let office = try await Access.visibleOffice(input.path.officeCode, for: principal, in: database)
        let store = MarketStore(database: database)
        guard let market = try await store.market(ofOffice: office.id) else {
            throw Problem(.notFound, "office '\(office.code)' belongs to no market")
        }
        return .ok(.init(body: .json(RunMapping.market(market, lotteries: try await store.lotteries(marketID: market.id, limit: 10)))))
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
        return .ok(.init(body: .json(RunMapping.whatIf(outcome, office: office.code))))
    }

    /// A day the client sent (today in China when absent), refused at `pointer` unless it is real.
    static func night(_ text: String?, pointer: String = "/date") throws -> String {
        guard let text else { return CalendarDate.today().description }
        guard let date = CalendarDate(text) else { throw Problem.invalid(pointer, "\(CalendarDate.expectation), got '\(text)'") }
        return date.description
    }
}
