import Foundation
import Hummingbird
import MatchStore

/// Enrolling the authenticator at the first sign-in: a QR code of the `otpauth://` link (and
/// the key as text), confirmed by one correct code; then ten recovery codes, shown once.
struct EnrolmentRoutes {
    let console: StaffConsole

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("enrol") { request, context in
            guard let staff = stage(.enrolling, context) else { return Response.seeOther("/console/sign-in") }
            return try await enrolPage(FormState(), staff: staff, request, context)
        }
        router.post("enrol") { request, context in try await confirm(request, context) }
        router.get("recovery-codes") { request, context in
            guard stage(.showingRecoveryCodes, context) != nil, let codes = context.staffSession?.current?.recoveryCodes else {
                return Response.seeOther("/console")
            }
            return console.renderer.consolePage("console_recovery_codes", titleKey: "console_recovery_codes_title",
                                                data: ["codes": codes], context: context, request: request)
        }
        router.post("recovery-codes") { _, context in
            guard stage(.showingRecoveryCodes, context) != nil else { return Response.seeOther("/console/sign-in") }
            context.staffSession?.advance(to: .signedIn)
            return Response.seeOther("/console")
        }
    }

    private func stage(_ stage: StaffSession.Stage, _ context: GatewayRequestContext) -> Int64? {
        guard let session = context.staffSession?.current, session.stage == stage else { return nil }
        return session.staff
    }

    private func enrolPage(_ form: FormState, staff: Int64, _ request: Request, _ context: GatewayRequestContext,
                           status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let record = try await console.credentials.activeRecord(staffID: staff), let secret = record.totpSecret else {
            context.staffSession?.signOut()
            return .seeOther("/console/sign-in")
        }
        let totp = StaffTOTP(secret: secret)
        var data = form.templateData(fields: ["code"])
        data["qr"] = await QRCodeImage.dataURL(for: totp.authenticatorURL(login: record.identity.login))
        data["key"] = totp.typedKey(login: record.identity.login)
        data["login"] = record.identity.login
        return console.renderer.consolePage("console_enrol", titleKey: "console_enrol_title", data: data, context: context,
                                            request: request, status: status)
    }

    private func confirm(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        guard let staff = stage(.enrolling, context) else { return .seeOther("/console/sign-in") }
        guard let record = try await console.credentials.activeRecord(staffID: staff), let secret = record.totpSecret,
              let step = StaffTOTP(secret: secret).step(matching: context.form["code"]) else {
            var form = FormState()
            form.fail("code", console.renderer.text("console_error_code", context))
            return try await enrolPage(form, staff: staff, request, context, status: .unprocessableContent)
        }
        let codes = RecoveryCodes.generate()
        try await console.credentials.confirmTOTP(staffID: staff, step: step, recoveryCodeHashes: codes.compactMap(RecoveryCodes.hash),
                                                  source: console.gateway.source(request, context))
        context.staffSession?.advance(to: .showingRecoveryCodes, recoveryCodes: codes)
        return .seeOther("/console/recovery-codes")
    }
}
