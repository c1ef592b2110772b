import Foundation
import Hummingbird
import MatchStore

/// Verifying the sign-in contact after registering (ADR 0044): the page that asks for the
/// code sent to it, and a new code. Registration leads here whoever owned the contact; a
/// contact that already had an account got a notice instead of a code, so no code typed
/// here works for it, and this page says nothing about that.
struct VerificationRoutes {
    let gateway: CandidateGateway

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("/verify") { request, context in
            let contact = ContactAddress.normalise(request.uri.queryParameters["contact"].map(String.init) ?? "") ?? ""
            var data: [String: Any] = ["sent": request.uri.queryParameters["sent"] != nil,
                                       "unverified": request.uri.queryParameters["unverified"] != nil]
            return page(FormState(values: ["contact": contact]), data: &data, request, context)
        }
        router.post("/verify") { request, context in try await submitCode(request, context) }
        router.post("/verify/resend") { request, context in try await resend(request, context) }
    }

    private func page(_ form: FormState, data extra: inout [String: Any], _ request: Request, _ context: GatewayRequestContext,
                      status: HTTPResponse.Status = .ok) -> Response {
        var data = form.templateData(fields: ["contact", "code"])
        data.merge(extra) { $1 }
        data["contact_shown"] = form.values["contact"]
        return gateway.renderer.page("verify", titleKey: "verify_title", data: data, context: context, request: request, status: status)
    }

    private func submitCode(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let input = context.form
        var form = FormState(values: ["contact": input["contact"]])
        guard let contact = ContactAddress.normalise(input["contact"]) else {
            form.fail("contact", gateway.renderer.text("error_contact", context))
            var none: [String: Any] = [:]
            return page(form, data: &none, request, context, status: .unprocessableContent)
        }
        let verified = try await CodeThrottle(gateway: gateway).check(contact, request, context) {
            try await AccountCodeStore(database: gateway.database)
                .verifyContact(contact: contact, code: input["code"], source: gateway.source(request, context))
        }
        guard verified else {
            form.fail("code", gateway.renderer.text("error_code", context))
            var none: [String: Any] = [:]
            return page(form, data: &none, request, context, status: .unprocessableContent)
        }
        return .seeOther("/login?verified=1")
    }

    private func resend(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        guard let contact = ContactAddress.normalise(context.form["contact"]) else { return .seeOther("/verify") }
        try await CodeThrottle(gateway: gateway).send(to: contact, request, context)
        try await AccountCodeStore(database: gateway.database).resendVerification(contact: contact)
        return .seeOther("/verify?sent=1&contact=" + Self.query(contact))
    }

    static func query(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
