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
}
