import Foundation
import Hummingbird
import MatchStore

/// Re-authentication before a sensitive change in the console (ADR 0053): issuing a token,
/// inviting or disabling staff, creating an office or a centre need the password and a
/// current authenticator code typed within the gateway's re-authentication window (five
/// minutes, `GatewayConfiguration.reauthenticationWindow`, the candidates' window). Signing in
/// counts, from the moment the password was typed. The page follows the candidate gateway's
/// `/reauth`; a code is accepted once, as at sign-in.
struct ConsoleReauthRoutes {
    let console: StaffConsole

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("reauth") { request, context in
            _ = try console.requireStaff(request, context)
            return page(FormState(values: ["next": Self.next(request.uri.queryParameters["next"].map(String.init))]), request, context)
        }
        router.post("reauth") { request, context in try await submit(request, context) }
    }

    /// Whether the person confirmed who they are within the window.
    static func isRecent(_ context: GatewayRequestContext, _ console: StaffConsole) -> Bool {
        guard let at = context.staffSession?.current?.authenticatedAt else { return false }
        return Date().timeIntervalSince(at) < console.gateway.configuration.reauthenticationWindow.seconds
    }

    /// The redirect to the re-authentication page when the window has passed, else nil.
    static func demand(_ context: GatewayRequestContext, _ console: StaffConsole, back path: String) -> Response? {
        guard !isRecent(context, console) else { return nil }
        let next = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/console"
        return .seeOther("/console/reauth?next=" + next)
    }

    /// Back to a console page only: anything else (or nothing) goes to the console's home.
    static func next(_ target: String?) -> String {
        let path = SafeRedirect.path(target)
        return path.hasPrefix("/console/") ? path : "/console"
    }

    private func page(_ form: FormState, _ request: Request, _ context: GatewayRequestContext,
                      status: HTTPResponse.Status = .ok) -> Response {
        console.renderer.consolePage("console_admin_reauth", titleKey: "console_admin_reauth_title",
                                     data: form.templateData(fields: ["password", "code", "next"]), context: context,
                                     request: request, status: status)
    }

    private func submit(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try console.requireStaff(request, context)
        var form = FormState(values: ["next": Self.next(context.form["next"])])
        let t = { (key: String) in console.renderer.text(key, context) }
        let throttle = LoginThrottleStore(database: console.gateway.database, limits: StaffSignInRoutes.codeLimits)
        let attempt = try await StaffSignInRoutes.begin(throttle, key: "staff-reauth:\(staff.id)",
                                                        console.gateway.clientAddress(request, context))
        let password = context.form.raw("password") ?? ""
        guard let record = try await console.credentials.activeRecord(staffID: staff.id), let hash = record.passwordHash,
              await console.gateway.hasher.verify(password, against: hash) else {
            form.fail("password", t("console_admin_reauth_password_wrong"))
            return page(form, request, context, status: .unauthorized)
        }
        guard let secret = record.totpSecret, let step = StaffTOTP(secret: secret).step(matching: context.form["code"]),
              try await console.credentials.acceptStep(staffID: staff.id, step: step) else {
            form.fail("code", t("console_error_code"))
            return page(form, request, context, status: .unauthorized)
        }
        try await throttle.succeeded(attempt)
        context.staffSession?.update { $0.authenticatedAt = Date() }
        return .seeOther(form.values["next"] ?? "/console")
    }
}
