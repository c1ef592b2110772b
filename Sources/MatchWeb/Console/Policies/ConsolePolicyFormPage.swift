import Hummingbird
import MatchCore

/// The policy editor's page, shared by the editor (an office admin: save, or try it first)
/// and the what-if (an analyst: try it only): the same fields, errors beside them, the values
/// as typed.
struct ConsolePolicyFormPage {
    let console: StaffConsole

    /// - Parameter canCommit: whether the page offers to save a version (`policies:write`);
    ///   without it the form goes to the what-if.
    func render(_ form: ConsolePolicyForm, _ request: Request, _ context: GatewayRequestContext, problems: [String] = [],
                canCommit: Bool, notice: String? = nil) -> Response {
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
        data["can_commit"] = canCommit
        data["form_action"] = canCommit ? "/console/policy/new" : "/console/policy/what-if"
        if let notice { data["notice"] = notice }
        return console.renderer.consolePage("console_policy_form", titleKey: canCommit ? "console_policy_new_title" : "console_whatif_form_title",
                                            data: data, context: context, request: request,
                                            status: problems.isEmpty ? .ok : .unprocessableContent)
    }
}
