import Foundation
import Hummingbird
import MatchStore

/// Registration, signing in and out, and re-authentication.
struct AccountRoutes {
    let gateway: CandidateGateway

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("/") { request, context in home(request, context) }
        router.get("/lang/:code") { request, context in try await switchLanguage(request, context) }
        router.get("/register") { request, context in
            registerPage(FormState(values: ["consent_matching": "", "consent_sensitive": ""]), request, context)
        }
        router.post("/register") { request, context in try await submitRegistration(request, context) }
        router.get("/login") { request, context in
            let next = SafeRedirect.path(request.uri.queryParameters["next"].map(String.init))
            let notice: String? = ["verified", "reset", "registered"].first { request.uri.queryParameters[Substring($0)] != nil }
            return loginPage(FormState(values: ["next": next]), request, context, notice: notice)
        }
        router.post("/login") { request, context in try await submitLogin(request, context) }
        router.post("/logout") { _, context in
            context.session?.signOut()
            return Response.seeOther("/")
        }
        router.get("/reauth") { request, context in
            _ = try gateway.requireCandidate(request, context)
            let next = SafeRedirect.path(request.uri.queryParameters["next"].map(String.init) ?? "/account")
            return reauthPage(FormState(values: ["next": next]), request, context)
        }
        router.post("/reauth") { request, context in try await submitReauth(request, context) }
    }

    private func home(_ request: Request, _ context: GatewayRequestContext) -> Response {
        gateway.renderer.page("home", titleKey: "home_title", data: ["next_match": gateway.configuration.nextMatch()], context: context, request: request)
    }

    private func switchLanguage(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        guard let language = Language(rawValue: context.parameters.get("code") ?? "") else { throw HTTPError(.notFound) }
        // Messages are written in the language the candidate last chose (ADR 0042).
        if let id = context.candidateID {
            try await MessagePreferencesStore(database: gateway.database).setLanguage(candidateID: id, language: language.rawValue)
        }
        var response = Response.seeOther(SafeRedirect.path(request.uri.queryParameters["back"].map(String.init)))
        response.setCookie(Cookie(name: Language.cookieName, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                                  secure: gateway.configuration.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    // MARK: registration

    private func registerPage(_ form: FormState, _ request: Request, _ context: GatewayRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        var data = form.templateData(fields: ["full_name", "contact", "password"])
        data["consent_matching_checked"] = form.values["consent_matching"] == "yes"
        data["consent_sensitive_checked"] = form.values["consent_sensitive"] == "yes"
        data["min_length"] = PasswordPolicy.minimumLength
        return gateway.renderer.page("register", titleKey: "register_title", data: data, context: context, request: request, status: status)
    }

    private func submitRegistration(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let input = context.form
        let t = { (key: String) in gateway.renderer.text(key, context) }
        var form = FormState(values: [
            "full_name": input["full_name"], "contact": input["contact"],
            "consent_matching": input["consent_matching"], "consent_sensitive": input["consent_sensitive"],
        ])
        if input["full_name"].isEmpty || input["full_name"].count > 100 { form.fail("full_name", t("error_full_name")) }
        let contact = ContactAddress.normalise(input["contact"])
        if contact == nil { form.fail("contact", t("error_contact")) }
        let password = input.raw("password") ?? ""
        if let problem = gateway.passwords.problem(password) {
            form.fail("password", gateway.renderer.text(problem.rawValue, context, ["min": String(PasswordPolicy.minimumLength)]))
        }
        if input["consent_matching"] != "yes" { form.fail("consent_matching", t("error_consent_matching")) }
        guard form.isValid, let contact else { return registerPage(form, request, context, status: .unprocessableContent) }
        try await CodeThrottle(gateway: gateway).send(to: contact, request, context)
        let hash = await gateway.hasher.hash(password)
        // The same answer, after the same work (the bcrypt hash above), whether or not the
        // contact was free, so that registering cannot tell anyone who has an account (issue 13):
        // both go to the page that asks for the code. A new contact was sent a code; the owner
        // of a taken one was sent a notice instead (issue 18, ADR 0044).
        switch try await CandidateAccountStore(database: gateway.database).register(
            contact: contact, fullName: input["full_name"], passwordHash: hash,
            sensitiveDataConsent: input["consent_sensitive"] == "yes", language: context.language.rawValue,
            source: gateway.source(request, context)
        ) {
        case .registered, .contactTaken:
            return .seeOther("/verify?contact=" + VerificationRoutes.query(contact))
        }
    }

    // MARK: signing in

    private func loginPage(
        _ form: FormState, _ request: Request, _ context: GatewayRequestContext, status: HTTPResponse.Status = .ok, notice: String? = nil
    ) -> Response {
        var data = form.templateData(fields: ["contact", "password", "next"])
        // After verifying a contact, resetting a password, or (links from before) registering.
        if let notice {
            data["notice"] = gateway.renderer.text(notice == "registered" ? "login_after_registering" : "login_after_\(notice)", context)
        }
        return gateway.renderer.page("login", titleKey: "login_title", data: data, context: context, request: request, status: status)
    }

    private func submitLogin(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let input = context.form
        var form = FormState(values: ["contact": input["contact"], "next": SafeRedirect.path(input["next"])])
        let accountKey = ContactAddress.normalise(input["contact"]) ?? input["contact"].lowercased()
        let password = input.raw("password") ?? ""
        guard let credentials = try await checkPassword(password, accountKey: String(accountKey.prefix(254)), candidateID: nil, request, context) else {
            form.fail("password", gateway.renderer.text("error_login", context))
            return loginPage(form, request, context, status: .unauthorized)
        }
        // The right password, but the contact was never verified: a new code, and the page
        // that asks for it (the password proved who this is, so saying so reveals nothing).
        guard credentials.contactVerified else {
            try await CodeThrottle(gateway: gateway).send(to: accountKey, request, context)
            try await AccountCodeStore(database: gateway.database).resendVerification(contact: accountKey)
            return .seeOther("/verify?unverified=1&contact=" + VerificationRoutes.query(accountKey))
        }
        let id = credentials.candidateID
        context.session?.signIn(id)
        try await MessagePreferencesStore(database: gateway.database).setLanguage(candidateID: id, language: context.language.rawValue)
        // Expired sessions are invisible at once; sign-ins are frequent enough to sweep them.
        try await WebSessionTable(database: gateway.database).prune()
        let profile = try await CandidateProfileStore(database: gateway.database).load(candidateID: id)
        let next = form.values["next"] ?? "/"
        return .seeOther(profile?.complete == false && next == "/" ? "/profile" : next)
    }

    /// Checks a password under the throttle; nil when wrong (the failure is recorded).
    /// Throws 429 with Retry-After while the account or the address is over its limit. The
    /// attempt is counted before the password is checked (`LoginThrottleStore.begin`), so
    /// concurrent guesses cannot overshoot the limit; a right password takes it back.
    func checkPassword(
        _ password: String, accountKey: String, candidateID: Int64?, _ request: Request, _ context: GatewayRequestContext
    ) async throws -> CandidateAccountStore.Credentials? {
        let throttle = LoginThrottleStore(database: gateway.database, limits: gateway.configuration.throttle)
        let key = accountKey.isEmpty ? "-" : accountKey
        let attempt: Int64
        switch try await throttle.begin(accountKey: key, address: gateway.clientAddress(request, context)) {
        case .refused(let wait):
            throw HTTPError(.tooManyRequests, headers: [.retryAfter: String(wait)], message: "too many failed log-ins")
        case .allowed(let id):
            attempt = id
        }
        let accounts = CandidateAccountStore(database: gateway.database)
        let credentials = if let candidateID {
            try await accounts.credentials(candidateID: candidateID)
        } else {
            try await accounts.credentials(contact: accountKey)
        }
        guard let credentials else {
            await gateway.hasher.verifyDecoy(password)
            return nil
        }
        guard await gateway.hasher.verify(password, against: credentials.passwordHash) else { return nil }
        try await throttle.succeeded(attempt)
        return credentials
    }

    // MARK: re-authentication

    private func reauthPage(_ form: FormState, _ request: Request, _ context: GatewayRequestContext, status: HTTPResponse.Status = .ok) -> Response {
        gateway.renderer.page("reauth", titleKey: "reauth_title", data: form.templateData(fields: ["password", "next"]),
                              context: context, request: request, status: status)
    }

    private func submitReauth(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let id = try gateway.requireCandidate(request, context)
        var form = FormState(values: ["next": SafeRedirect.path(context.form["next"])])
        let profile = try await CandidateProfileStore(database: gateway.database).load(candidateID: id)
        guard let profile,
              try await checkPassword(context.form.raw("password") ?? "", accountKey: profile.contact, candidateID: id, request, context) != nil
        else {
            form.fail("password", gateway.renderer.text("error_password_wrong", context))
            return reauthPage(form, request, context, status: .unauthorized)
        }
        context.session?.markAuthenticated()
        return .seeOther(form.values["next"] ?? "/account")
    }
}
