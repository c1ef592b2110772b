import Foundation
import Hummingbird
import MatchCore
import MatchStore

/// The policy editor: starts from the version in force, and saves a new version (versions are
/// never edited, ADR 0045) with the API's validation, each error beside its field and every
/// value kept, or tries the draft first (`ConsoleWhatIfRoutes`, ADR 0054). Only an office admin (`policies:write`) reaches it; an analyst, who reads
/// policies, finds nothing here (404), and nothing is written.
struct ConsolePolicyEditorRoutes {
    let console: StaffConsole

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("policy/new") { request, context in try await start(request, context) }
        router.post("policy/new") { request, context in try await save(request, context) }
    }

    private func writer(_ request: Request, _ context: GatewayRequestContext) throws -> StaffIdentity {
        let staff = try ConsolePolicyRoutes.reader(console, request, context)
        guard staff.may(.policiesWrite) else { throw HTTPError(.notFound) }
        return staff
    }

    private func start(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try writer(request, context)
        let current = try await PolicyStore(database: console.database(for: staff)).versions(officeCode: staff.officeCode).first
        return page(ConsolePolicyForm(current?.draft ?? PolicyDraft()), request, context)
    }

    private func save(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try writer(request, context)
        let form = ConsolePolicyForm(form: context.form)
        let (draft, unreadable, regionRows) = form.read()
        guard unreadable.isEmpty else { return page(form, request, context, problems: unreadable) }
        do {
            _ = try draft.validated(version: 1)
            _ = try await PolicyStore(database: console.database(for: staff)).create(
                officeCode: staff.officeCode, draft: draft, actor: staff.actor, source: console.gateway.source(request, context))
        } catch let error as PolicyDraftError {
            let field = switch error {
            case .invalid(let field, _): ConsolePolicyForm.field(for: field, regionRows: regionRows)
            case .regionRefused(let index, _, _): ConsolePolicyForm.field(forRegion: index, regionRows: regionRows)
            case .unknownOffice: throw HTTPError(.notFound)
            }
            return page(form, request, context, problems: [field])
        }
        return .seeOther("/console/policy")
    }

    private func page(_ form: ConsolePolicyForm, _ request: Request, _ context: GatewayRequestContext, problems: [String] = []) -> Response {
        ConsolePolicyFormPage(console: console).render(form, request, context, problems: problems, canCommit: true)
    }
}
