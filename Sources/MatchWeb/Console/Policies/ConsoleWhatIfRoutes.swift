import Foundation
import Hummingbird
import MatchCore
import MatchStore
import MatchWorkflow

/// "Try it first" (issue 15, ADR 0054): a policy draft, read and checked as the editor checks
/// it, solved as a what-if of the office's whole market against its last committed night, and
/// shown side by side with that night. Then an office admin commits it as a new version (the
/// editor's own save, which checks it again) or throws it away; an analyst may try drafts but
/// not commit them. The draft travels in the result page's hidden fields, so throwing it away
/// writes nothing anywhere.
struct ConsoleWhatIfRoutes {
    let console: StaffConsole

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("policy/what-if") { request, context in try await start(request, context) }
        router.post("policy/what-if") { request, context in try await run(request, context) }
    }

    /// An office's staff member who may run what-ifs (`runs:dry-run`): an admin or an analyst.
    private func tester(_ request: Request, _ context: GatewayRequestContext) throws -> StaffIdentity {
        let staff = try ConsolePolicyRoutes.reader(console, request, context)
        guard staff.may(.runsDryRun) else { throw HTTPError(.notFound) }
        return staff
    }

    private func start(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try tester(request, context)
        let current = try await PolicyStore(database: console.database(for: staff)).versions(officeCode: staff.officeCode).first
        return ConsolePolicyFormPage(console: console).render(
            ConsolePolicyForm(current?.draft ?? PolicyDraft()), request, context, canCommit: staff.may(.policiesWrite))
    }

    private func run(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try tester(request, context)
        let form = ConsolePolicyForm(form: context.form)
        let canCommit = staff.may(.policiesWrite)
        let editor = ConsolePolicyFormPage(console: console)
        // "Change the draft" on the result page: back to the editor with the draft as it was.
        if context.form["action"] == "edit" { return editor.render(form, request, context, canCommit: canCommit) }
        let (draft, unreadable, regionRows) = form.read()
        guard unreadable.isEmpty else { return editor.render(form, request, context, problems: unreadable, canCommit: canCommit) }
        let scoped = console.database(for: staff)
        do {
            _ = try draft.validated(version: 1)
            try await PolicyStore(database: scoped).checkRegions(of: draft, officeCode: staff.officeCode)
        } catch let error as PolicyDraftError {
            guard let field = ConsolePolicyForm.field(for: error, regionRows: regionRows) else { throw HTTPError(.notFound) }
            return editor.render(form, request, context, problems: [field], canCommit: canCommit)
        }
        let view = ConsoleWhatIfView(console: console, staff: staff, form: form)
        // Said before the solve, which costs seconds at national scale, and would compare with nothing.
        let runs = try await RunReports(database: scoped).list(officeID: staff.officeID, before: nil, limit: 50)
        guard runs.contains(where: { $0.status == "committed" }) else { return try await view.page(.noNight, request, context) }
        guard let office = try await OfficeRecord.find(code: staff.officeCode, in: console.gateway.database) else { throw HTTPError(.notFound) }
        // The snapshot reads the whole market, so it runs on the gateway's system-scoped pool, as
        // the API's what-if runs on its trusted one; the office is the signed-in person's own.
        // The solve is the nightly job's, awaited as the API awaits it: the engine's encoding
        // and batches run on Dispatch threads (`ParallelWork`), never on an event loop.
        let outcome = try await WhatIfRun.run(office: office, draft: draft, date: CalendarDate.today().description,
                                              actor: staff.actor, database: console.gateway.database)
        switch outcome {
        case .dryRun(let report, let difference):
            guard let compared = difference.comparedRunID else { return try await view.page(.noNight, request, context) }
            let committed = try await RunReports(database: scoped).detail(runID: compared, officeID: staff.officeID)
            return try await view.page(.solved(committed: committed, draft: report.part(of: staff.officeCode)?.summary ?? NightlySummary(),
                                               difference: difference), request, context)
        case .failed(_, let reasons):
            return try await view.page(.failed(reasons), request, context)
        case .alreadyRunning:
            return try await view.page(.busy, request, context)
        case .alreadyDone, .committed:
            return try await view.page(.failed([]), request, context)
        }
    }
}
