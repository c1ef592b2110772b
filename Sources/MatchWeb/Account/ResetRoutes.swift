import Foundation
import Hummingbird
import MatchStore

/// Resetting a forgotten password (ADR 0044): ask with the sign-in contact; the message
/// sent to it carries a code (typed on the next page) and, by e-mail, a link that opens a
/// form of its own. Both are single-use and expire; asking for an unknown contact looks the
/// same and sends nothing.
struct ResetRoutes {
    let gateway: CandidateGateway

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("/reset") { request, context in
            requestPage(FormState(), request, context)
        }
        router.post("/reset") { request, context in try await submitRequest(request, context) }
        router.get("/reset/code") { request, context in
            let contact = ContactAddress.normalise(request.uri.queryParameters["contact"].map(String.init) ?? "") ?? ""
            return codePage(FormState(values: ["contact": contact]), request, context)
        }
        router.post("/reset/code") { request, context in try await submitCode(request, context) }
        router.get("/reset/new") { request, context in
            let token = request.uri.queryParameters["token"].map(String.init) ?? ""
            var live = false
            if !token.isEmpty { live = try await AccountCodeStore(database: gateway.database).resetLinkIsLive(token: token) }
            return linkPage(FormState(values: ["token": token]), live: live, request, context)
        }
        router.post("/reset/new") { request, context in try await submitLink(request, context) }
    }

    private func requestPage(_ form: FormState, _ request: Request, _ context: GatewayRequestContext,
                             status: HTTPResponse.Status = .ok) -> Response {
        gateway.renderer.page("reset", titleKey: "reset_title", data: form.templateData(fields: ["contact"]),
                              context: context, request: request, status: status)
    }

    private func codePage(_ form: FormState, _ request: Request, _ context: GatewayRequestContext,
                          status: HTTPResponse.Status = .ok) -> Response {
        var data = form.templateData(fields: ["contact", "code", "new_password"])
        data["contact_shown"] = form.values["contact"]
        return gateway.renderer.page("reset_code", titleKey: "reset_code_title", data: data, context: context, request: request, status: status)
    }

    private func linkPage(_ form: FormState, live: Bool, _ request: Request, _ context: GatewayRequestContext,
                          status: HTTPResponse.Status = .ok) -> Response {
        var data = form.templateData(fields: ["token", "new_password"])
        data["live"] = live
        return gateway.renderer.page("reset_new", titleKey: "reset_new_title", data: data, context: context, request: request,
                                     status: live ? status : .notFound)
    }

    private func submitRequest(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        var form = FormState(values: ["contact": context.form["contact"]])
        guard let contact = ContactAddress.normalise(context.form["contact"]) else {
            form.fail("contact", gateway.renderer.text("error_contact", context))
            return requestPage(form, request, context, status: .unprocessableContent)
        }
        try await CodeThrottle(gateway: gateway).send(to: contact, request, context)
        try await AccountCodeStore(database: gateway.database).requestReset(contact: contact)
        return .seeOther("/reset/code?contact=" + VerificationRoutes.query(contact))
    }

    private func submitCode(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let input = context.form
        var form = FormState(values: ["contact": input["contact"]])
        let contact = ContactAddress.normalise(input["contact"])
        if contact == nil { form.fail("contact", gateway.renderer.text("error_contact", context)) }
        let password = input.raw("new_password") ?? ""
        if let problem = gateway.passwords.problem(password) {
            form.fail("new_password", gateway.renderer.text(problem.rawValue, context, ["min": String(PasswordPolicy.minimumLength)]))
        }
        guard form.isValid, let contact else { return codePage(form, request, context, status: .unprocessableContent) }
        let hash = await gateway.hasher.hash(password)
        let done = try await CodeThrottle(gateway: gateway).check(contact, request, context) {
            try await AccountCodeStore(database: gateway.database).resetPassword(
                token: nil, contact: contact, code: input["code"], passwordHash: hash, source: gateway.source(request, context)) != nil
        }
        guard done else {
            form.fail("code", gateway.renderer.text("error_code", context))
            return codePage(form, request, context, status: .unprocessableContent)
        }
        return .seeOther("/login?reset=1")
    }

    private func submitLink(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = context.form["token"]
        var form = FormState(values: ["token": token])
        let password = context.form.raw("new_password") ?? ""
        if let problem = gateway.passwords.problem(password) {
            form.fail("new_password", gateway.renderer.text(problem.rawValue, context, ["min": String(PasswordPolicy.minimumLength)]))
            let live = try await AccountCodeStore(database: gateway.database).resetLinkIsLive(token: token)
            return linkPage(form, live: live, request, context, status: .unprocessableContent)
        }
        let hash = await gateway.hasher.hash(password)
        let done = try await AccountCodeStore(database: gateway.database).resetPassword(
            token: token, contact: nil, code: nil, passwordHash: hash, source: gateway.source(request, context))
        guard done != nil else { return linkPage(form, live: false, request, context) }
        return .seeOther("/login?reset=1")
    }
}
