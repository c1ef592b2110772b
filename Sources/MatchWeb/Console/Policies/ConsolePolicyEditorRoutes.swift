import Foundation
import Hummingbird
import MatchCore
import MatchStore

/// The policy editor: starts from the version in force, and saves a new version (versions are
/// never edited, ADR 0045) with the API's validation, each error beside its field and every
/// value kept. Only an office admin (`policies:write`) reaches it; an analyst, who reads
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
        let t = { (key: String) in console.renderer.text(key, context) }
        var state = FormState(values: form.values)
        for field in problems { state.fail(field, t(ConsolePolicyForm.ruleKey(field))) }
        var data = state.templateData(fields: Array(form.values.keys))
        data["weights"] = ScoringFeature.allCases.map { feature -> [String: Any] in
            let name = ConsolePolicyForm.weightField(feature)
            return ["name": name, "label": t(PolicyDiff.featureKey(feature)), "value": form.values[name] ?? "", "error": state.error(name) ?? ""]
        }
        data["rows"] = form.rows
        data["regions"] = (0..<form.rows).map { row -> [String: Any] in
            let cells = ["region", "cap", "floor", "reason"].map { name -> [String: Any] in
                let field = "\(name)_\(row)"
                return ["name": field, "label": t("console_policy_" + (name == "reason" ? "region_reason" : name)), "value": form.values[field] ?? "",
                        "error": state.error(field) ?? "", "numeric": name == "cap" || name == "floor"]
            }
            return ["row": row + 1, "cells": cells]
        }
        return console.renderer.consolePage("console_policy_form", titleKey: "console_policy_new_title", data: data, context: context,
                                            request: request, status: problems.isEmpty ? .ok : .unprocessableContent)
    }
}
