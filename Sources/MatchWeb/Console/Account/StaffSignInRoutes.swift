import Foundation
import Hummingbird
import MatchStore

/// Signing in to the console: a sign-in name and password (bcrypt, throttled as candidates'
/// are), then a code from the authenticator or one recovery code (ADR 0034). A person without
/// a confirmed authenticator is sent to enrol one first.
struct StaffSignInRoutes {
    let console: StaffConsole

    /// Codes are six digits: at most ten wrong ones per person in a quarter of an hour.
    static let codeLimits = LoginThrottleStore.Limits(perAccount: 10, perAddress: 300, windowSeconds: 900)

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("sign-in") { request, context in
            if context.staff != nil { return Response.seeOther("/console") }
            return signInPage(FormState(), request, context)
        }
        router.post("sign-in") { request, context in try await submitSignIn(request, context) }
        router.get("sign-in/code") { request, context in
            guard context.staffSession?.current?.stage == .awaitingCode else { return Response.seeOther("/console/sign-in") }
            return codePage(FormState(), request, context)
        }
        router.post("sign-in/code") { request, context in try await submitCode(request, context) }
        router.post("sign-out") { _, context in
            context.staffSession?.signOut()
            return Response.seeOther("/console/sign-in?signed_out=1")
        }
    }

    private func signInPage(_ form: FormState, _ request: Request, _ context: GatewayRequestContext,
                            status: HTTPResponse.Status = .ok) -> Response {
        var data = form.templateData(fields: ["login", "password"])
        if request.uri.queryParameters["signed_out"] != nil { data["notice"] = console.renderer.text("console_signed_out", context) }
        return console.renderer.consolePage("console_sign_in", titleKey: "console_sign_in_title", data: data, context: context,
                                            request: request, status: status)
    }

    private func codePage(_ form: FormState, _ request: Request, _ context: GatewayRequestContext,
                          status: HTTPResponse.Status = .ok) -> Response {
        console.renderer.consolePage("console_code", titleKey: "console_code_title", data: form.templateData(fields: ["code"]),
                                     context: context, request: request, status: status)
    }

    private func submitSignIn(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let login = String(context.form["login"].lowercased().prefix(100))
        var form = FormState(values: ["login": context.form["login"]])
        let record = try await checkPassword(context.form.raw("password") ?? "", login: login, request, context)
        guard let record, record.active else {
            form.fail("password", console.renderer.text("console_error_sign_in", context))
            return signInPage(form, request, context, status: .unauthorized)
        }
        context.staffSession?.begin(staff: record.identity.id, stage: record.totpConfirmed ? .awaitingCode : .enrolling)
        return .seeOther(record.totpConfirmed ? "/console/sign-in/code" : "/console/enrol")
    }

    /// The password under the throttle (the attempt counts before bcrypt runs, and a right
    /// password takes it back); an unknown name costs one bcrypt too, so timing tells nothing.
    private func checkPassword(_ password: String, login: String, _ request: Request,
                               _ context: GatewayRequestContext) async throws -> StaffCredentialStore.SignInRecord? {
        let throttle = LoginThrottleStore(database: console.gateway.database, limits: console.gateway.configuration.throttle)
        let attempt = try await Self.begin(throttle, key: "staff:" + (login.isEmpty ? "-" : login), console.gateway.clientAddress(request, context))
        guard let record = try await console.credentials.signInRecord(login: login), let hash = record.passwordHash else {
            await console.gateway.hasher.verifyDecoy(password)
            return nil
        }
        guard await console.gateway.hasher.verify(password, against: hash) else { return nil }
        try await throttle.succeeded(attempt)
        return record
    }

    static func begin(_ throttle: LoginThrottleStore, key: String, _ address: String) async throws -> Int64 {
        switch try await throttle.begin(accountKey: String(key.prefix(254)), address: address) {
        case .refused(let wait):
            throw HTTPError(.tooManyRequests, headers: [.retryAfter: String(wait)], message: "too many failed attempts")
        case .allowed(let id):
            return id
        }
    }

    private func submitCode(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        guard let session = context.staffSession?.current, session.stage == .awaitingCode else { return .seeOther("/console/sign-in") }
        let typed = context.form["code"]
        let throttle = LoginThrottleStore(database: console.gateway.database, limits: Self.codeLimits)
        let attempt = try await Self.begin(throttle, key: "staff-code:\(session.staff)", console.gateway.clientAddress(request, context))
        guard try await codeIsRight(typed, staffID: session.staff, request, context) else {
            var form = FormState()
            form.fail("code", console.renderer.text("console_error_code", context))
            return codePage(form, request, context, status: .unauthorized)
        }
        try await throttle.succeeded(attempt)
        context.staffSession?.advance(to: .signedIn)
        return .seeOther("/console")
    }

    /// A current authenticator code not used before, or an unused recovery code.
    private func codeIsRight(_ typed: String, staffID: Int64, _ request: Request, _ context: GatewayRequestContext) async throws -> Bool {
        guard let record = try await console.credentials.activeRecord(staffID: staffID), let secret = record.totpSecret else { return false }
        if let step = StaffTOTP(secret: secret).step(matching: typed) {
            return try await console.credentials.acceptStep(staffID: staffID, step: step)
        }
        if let hash = RecoveryCodes.hash(typed) {
            return try await console.credentials.useRecoveryCode(staffID: staffID, hash: hash, source: console.gateway.source(request, context))
        }
        return false
    }
}
