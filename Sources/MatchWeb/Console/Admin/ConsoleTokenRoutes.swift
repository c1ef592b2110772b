import Foundation
import Hummingbird
import MatchStore

/// API tokens in the console: an office admin lists its office's and its centres' tokens,
/// issues one (after re-authentication, ADR 0053; the secret is shown once, on the page that
/// answers the POST, and only its hash is kept) and revokes one. Through `TokenStore`, as
/// `talentmatch token issue|revoke` do, with the same validation and audit rows.
struct ConsoleTokenRoutes {
    let console: StaffConsole

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("tokens") { request, context in
            let staff = try ConsoleAdmin.admin(console, .tokens, request, context)
            return try await page(staff, FormState(), request, context)
        }
        router.post("tokens") { request, context in try await issue(request, context) }
        router.post("tokens/:id/revoke") { request, context in try await revoke(request, context) }
    }

    private func page(_ staff: StaffIdentity, _ form: FormState, _ request: Request, _ context: GatewayRequestContext,
                      issued: (label: String, secret: String)? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let t = { (key: String) in console.renderer.text(key, context) }
        let centres = try await ConsoleAdmin.centres(console, staff)
        let tokens = try await TokenStore(database: console.database(for: staff)).list(officeID: staff.officeID)
        var data = form.templateData(fields: ["label", "owner", "expires_days"])
        data["owners"] = ConsoleAdmin.organisations(staff, centres: centres, selected: form.values["owner"]) {
            console.renderer.text($0, context, $1)
        }
        data["tokens"] = tokens.map { token -> [String: Any] in
            let owner = switch token.owner {
            case .office(let code): console.renderer.text("console_admin_org_office", context, ["code": code])
            case .centre(let code): console.renderer.text("console_admin_org_centre", context, ["code": code, "name": ""])
            }
            return ["id": token.id, "label": token.label, "owner": owner, "permissions": token.permissions.joined(separator: " "),
                    "created": ConsoleAdmin.time(token.createdAt), "expires": ConsoleAdmin.time(token.expiresAt),
                    "revoked": ConsoleAdmin.time(token.revokedAt), "live": token.revokedAt == nil]
        }
        data["has_tokens"] = !tokens.isEmpty
        if let issued {
            data["issued"] = ["label": issued.label, "secret": issued.secret]
        }
        if request.uri.queryParameters["revoked"] != nil { data["notice"] = t("console_admin_token_revoked") }
        return console.renderer.consolePage("console_admin_tokens", titleKey: "console_admin_tokens_title", data: data, context: context,
                                            request: request, status: status)
    }

    private func issue(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try ConsoleAdmin.admin(console, .tokens, request, context)
        if let reauth = ConsoleReauthRoutes.demand(context, console, back: "/console/tokens") { return reauth }
        let t = { (key: String) in console.renderer.text(key, context) }
        let values = ["label": context.form["label"], "owner": context.form["owner"], "expires_days": context.form["expires_days"]]
        var form = FormState(values: values)
        let centres = try await ConsoleAdmin.centres(console, staff)
        let owner: TokenStore.Owner? = switch ConsoleAdmin.organisation(values["owner"] ?? "", staff, centres: centres) {
        case .office(let code)?: .office(code: code)
        case .centre(let code)?: .centre(code: code)
        case nil: nil
        }
        let label = context.form["label"].trimmingCharacters(in: .whitespaces)
        if owner == nil { form.fail("owner", t("console_admin_error_owner")) }
        if !(1...100).contains(label.count) { form.fail("label", t("console_admin_error_label")) }
        let daysText = context.form["expires_days"].trimmingCharacters(in: .whitespaces)
        let days = daysText.isEmpty ? nil : Int(daysText)
        if !daysText.isEmpty, !(days.map { (1...3650).contains($0) } ?? false) { form.fail("expires_days", t("console_admin_error_days")) }
        guard form.isValid, let owner else { return try await page(staff, form, request, context, status: .unprocessableContent) }
        let issued = try await TokenStore(database: console.database(for: staff)).issue(
            for: owner, label: label, expiresInDays: days, actor: staff.actor, source: console.gateway.source(request, context))
        return try await page(staff, FormState(), request, context, issued: (label, issued.secret.text))
    }

    private func revoke(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try ConsoleAdmin.admin(console, .tokens, request, context)
        guard let id = context.parameters.get("id").flatMap({ Int64($0) }) else { throw HTTPError(.notFound) }
        do {
            try await TokenStore(database: console.database(for: staff)).revoke(
                id: id, officeID: staff.officeID, actor: staff.actor, source: console.gateway.source(request, context))
        } catch TokenIssueError.unknownToken {
            throw HTTPError(.notFound)
        }
        return .seeOther("/console/tokens?revoked=1")
    }
}
