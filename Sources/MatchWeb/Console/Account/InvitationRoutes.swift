import Foundation
import Hummingbird
import MatchStore

/// An invitation link: the person sets a password (the candidate rules: 12 characters or
/// more, no common passwords) and goes on to enrol an authenticator. The link works once and
/// until it expires; anything else gets one page that says to ask for a new one, whatever
/// the reason, so links cannot be probed.
struct InvitationRoutes {
    let console: StaffConsole

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("invitation/:token") { request, context in
            guard let (_, identity) = try await invitation(context) else { return invalidPage(request, context) }
            return invitationPage(FormState(), identity, request, context)
        }
        router.post("invitation/:token") { request, context in try await accept(request, context) }
    }

    private func invitation(_ context: GatewayRequestContext) async throws -> (invitationID: Int64, identity: StaffIdentity)? {
        guard let token = InvitationToken(presented: context.parameters.get("token") ?? "") else { return nil }
        return try await console.credentials.invitation(token)
    }

    private func invalidPage(_ request: Request, _ context: GatewayRequestContext) -> Response {
        console.renderer.consolePage("console_notice", titleKey: "console_invitation_invalid_title",
                                     data: ["message": console.renderer.text("console_invitation_invalid", context)],
                                     context: context, request: request, status: .notFound)
    }

    private func invitationPage(_ form: FormState, _ identity: StaffIdentity, _ request: Request, _ context: GatewayRequestContext,
                                status: HTTPResponse.Status = .ok) -> Response {
        var data = form.templateData(fields: ["new_password", "repeat_password"])
        data["name"] = identity.name
        data["login"] = identity.login
        data["role"] = console.renderer.text(identity.role.catalogueKey, context)
        data["organisation"] = identity.centreCode ?? identity.officeCode
        data["action"] = request.uri.path
        return console.renderer.consolePage("console_invitation", titleKey: "console_invitation_title", data: data, context: context,
                                            request: request, status: status)
    }

    private func accept(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        guard let (invitationID, identity) = try await invitation(context) else { return invalidPage(request, context) }
        let password = context.form.raw("new_password") ?? ""
        var form = FormState()
        if let problem = console.gateway.passwords.problem(password) {
            form.fail("new_password", console.renderer.text(problem.rawValue, context, ["min": String(PasswordPolicy.minimumLength)]))
        } else if password != (context.form.raw("repeat_password") ?? "") {
            form.fail("repeat_password", console.renderer.text("console_error_repeat_password", context))
        }
        guard form.isValid else { return invitationPage(form, identity, request, context, status: .unprocessableContent) }
        let hash = await console.gateway.hasher.hash(password)
        guard try await console.credentials.accept(invitationID: invitationID, staffID: identity.id, passwordHash: hash,
                                                   totpSecret: StaffTOTP.generate().secret, source: console.gateway.source(request, context))
        else { return invalidPage(request, context) }
        context.staffSession?.begin(staff: identity.id, stage: .enrolling)
        return .seeOther("/console/enrol")
    }
}
