import Hummingbird

/// The page that asks a signed-in candidate for the code just sent to a new contact.
struct CodeEntryPage {
    let gateway: CandidateGateway

    func render(action: String, back: String, form: FormState, _ request: Request, _ context: GatewayRequestContext,
                status: HTTPResponse.Status = .ok) -> Response {
        var data = form.templateData(fields: ["code"])
        data["action"] = action
        data["back"] = back
        return gateway.renderer.page("code_entry", titleKey: "code_entry_title", data: data, context: context, request: request, status: status)
    }

    /// Checks the typed code for the signed-in candidate under the code throttle (ADR 0044):
    /// `confirm` is true when it was right; then a redirect to `done`, else this page again
    /// with the error, 422.
    func confirm(action: String, back: String, done: String, _ request: Request, _ context: GatewayRequestContext,
                 _ confirm: (Int64, String, String) async throws -> Bool) async throws -> Response {
        let id = try gateway.requireCandidate(request, context)
        let source = gateway.source(request, context)
        let confirmed = try await CodeThrottle(gateway: gateway).check("candidate:\(id)", request, context) {
            try await confirm(id, context.form["code"], source)
        }
        guard confirmed else {
            var form = FormState()
            form.fail("code", gateway.renderer.text("error_code", context))
            return render(action: action, back: back, form: form, request, context, status: .unprocessableContent)
        }
        return Response.seeOther(done)
    }
}
