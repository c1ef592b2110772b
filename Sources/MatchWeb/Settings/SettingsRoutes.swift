import Foundation
import Hummingbird
import MatchStore

/// Contact details, password and consents. Changing contact or password needs the password
/// typed again within the last few minutes (re-authentication), even in a live session.
struct SettingsRoutes {
    let gateway: CandidateGateway

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("/account") { request, context in
            let id = try gateway.requireCandidate(request, context)
            let done = request.uri.queryParameters["done"].map(String.init).flatMap { ["contact", "password"].contains($0) ? $0 : nil }
            return try await page(id, FormState(), request, context, done: done)
        }
        router.post("/account/contact") { request, context in try await changeContact(request, context) }
        router.get("/account/contact/verify") { request, context in
            _ = try gateway.requireCandidate(request, context)
            return CodeEntryPage(gateway: gateway).render(action: "/account/contact/verify", back: "/account", form: FormState(), request, context)
        }
        router.post("/account/contact/verify") { request, context in try await confirmContact(request, context) }
        router.post("/account/password") { request, context in try await changePassword(request, context) }
        router.post("/account/consent") { request, context in try await changeConsent(request, context) }
    }

    private func recentlyAuthenticated(_ context: GatewayRequestContext) -> Bool {
        Self.recentlyAuthenticated(context, gateway)
    }

    /// The password was typed within the re-authentication window (ADR 0018).
    static func recentlyAuthenticated(_ context: GatewayRequestContext, _ gateway: CandidateGateway) -> Bool {
        guard let at = context.session?.current?.authenticatedAt else { return false }
        return Date().timeIntervalSince(at) < gateway.configuration.reauthenticationWindow.seconds
    }

    private func page(_ id: Int64, _ form: FormState, _ request: Request, _ context: GatewayRequestContext,
                      done: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let profile = try await CandidateProfileStore(database: gateway.database).load(candidateID: id) else {
            throw HTTPError(.notFound)
        }
        var data = form.templateData(fields: ["contact", "current_password", "new_password"])
        if (data["f"] as? [String: Any]).flatMap({ ($0["contact"] as? [String: Any])?["value"] as? String }) == "" {
            var fields = data["f"] as? [String: Any] ?? [:]
            fields["contact"] = ["value": profile.contact]
            data["f"] = fields
        }
        data["current_contact"] = profile.contact
        data["can_change"] = recentlyAuthenticated(context)
        if let done { data["done"] = gateway.renderer.text("account_done_\(done)", context) }
        let history = try await ConsentStore(database: gateway.database).history(candidateID: id)
        data["consents"] = ConsentStore.Purpose.allCases.map { purpose -> [String: Any] in
            let live = history.first { $0.purpose == purpose && $0.withdrawnAt == nil }
            return [
                "purpose": purpose.rawValue,
                "name": gateway.renderer.text("consent_\(purpose.rawValue)_name", context),
                "purpose_text": gateway.renderer.text("consent_\(purpose.rawValue)_purpose", context),
                "live": live != nil,
                "since": live.map { DateText.format($0.grantedAt) } ?? "",
                "has_history": history.contains { $0.purpose == purpose },
                "history": history.filter { $0.purpose == purpose }.map {
                    ["granted": DateText.format($0.grantedAt), "withdrawn": $0.withdrawnAt.map(DateText.format) ?? ""]
                },
            ]
        }
        return gateway.renderer.page("account", titleKey: "account_title", data: data, context: context, request: request, status: status)
    }

    /// Sends a code to the new contact, which replaces the sign-in contact once typed. The
    /// answer is the same when another account has the contact (its owner is told instead).
    private func changeContact(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let id = try gateway.requireCandidate(request, context)
        guard recentlyAuthenticated(context) else { return .seeOther("/reauth?next=/account") }
        var form = FormState(values: ["contact": context.form["contact"]])
        guard let contact = ContactAddress.normalise(context.form["contact"]) else {
            form.fail("contact", gateway.renderer.text("error_contact", context))
            return try await page(id, form, request, context, status: .unprocessableContent)
        }
        try await CodeThrottle(gateway: gateway).send(to: contact, request, context)
        try await ContactStore(database: gateway.database).startChange(candidateID: id, newContact: contact, source: gateway.source(request, context))
        return .seeOther("/account/contact/verify")
    }

    private func confirmContact(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        try await CodeEntryPage(gateway: gateway).confirm(action: "/account/contact/verify", back: "/account", done: "/account?done=contact",
                                                          request, context) { id, code, source in
            try await ContactStore(database: gateway.database).confirmChange(candidateID: id, code: code, source: source)
        }
    }

    private func changePassword(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let id = try gateway.requireCandidate(request, context)
        guard recentlyAuthenticated(context) else { return .seeOther("/reauth?next=/account") }
        var form = FormState()
        let password = context.form.raw("new_password") ?? ""
        if let problem = gateway.passwords.problem(password) {
            form.fail("new_password", gateway.renderer.text(problem.rawValue, context, ["min": String(PasswordPolicy.minimumLength)]))
            return try await page(id, form, request, context, status: .unprocessableContent)
        }
        let hash = await gateway.hasher.hash(password)
        try await CandidateAccountStore(database: gateway.database).changePassword(candidateID: id, passwordHash: hash, source: gateway.source(request, context))
        // Every other session ends; this one continues under a new token.
        try await WebSessionTable(database: gateway.database).removeAll(candidateID: id)
        context.session?.signIn(id)
        return .seeOther("/account?done=password")
    }

    private func changeConsent(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let id = try gateway.requireCandidate(request, context)
        guard let purpose = ConsentStore.Purpose(rawValue: context.form["purpose"]) else { throw HTTPError(.badRequest) }
        let store = ConsentStore(database: gateway.database)
        switch context.form["action"] {
        case "grant": try await store.grant(purpose, candidateID: id, source: gateway.source(request, context))
        case "withdraw": try await store.withdraw(purpose, candidateID: id, source: gateway.source(request, context))
        default: throw HTTPError(.badRequest)
        }
        return .seeOther("/account")
    }
}
