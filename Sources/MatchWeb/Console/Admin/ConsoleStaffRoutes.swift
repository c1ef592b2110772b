import Foundation
import Hummingbird
import MatchStore

/// Staff in the console: an office admin lists the staff of its office and its centres,
/// invites someone (after re-authentication, ADR 0053; the single-use link is shown once, on
/// the page that answers the POST) and disables an account. Through `StaffStore`, as
/// `talentmatch staff invite|list|disable` do; row-level security on `staff_accounts` keeps
/// another office's people out of sight, and disabling one of them is 404.
struct ConsoleStaffRoutes {
    let console: StaffConsole

    static let fields = ["organisation", "role", "name", "login", "contact"]

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("staff") { request, context in
            let staff = try ConsoleAdmin.admin(console, .staff, request, context)
            return try await page(staff, FormState(), request, context)
        }
        router.post("staff") { request, context in try await invite(request, context) }
        router.post("staff/:id/disable") { request, context in try await disable(request, context) }
    }

    private func page(_ staff: StaffIdentity, _ form: FormState, _ request: Request, _ context: GatewayRequestContext,
                      link: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let t = { (key: String) in console.renderer.text(key, context) }
        let centres = try await ConsoleAdmin.centres(console, staff)
        let people = try await StaffStore(database: console.database(for: staff)).list(officeCode: staff.officeCode)
        var data = form.templateData(fields: Self.fields)
        data["organisations"] = ConsoleAdmin.organisations(staff, centres: centres, selected: form.values["organisation"]) {
            console.renderer.text($0, context, $1)
        }
        data["roles"] = StaffRoleCode.allCases.map { role -> [String: Any] in
            ["value": role.rawValue, "label": t(role.catalogueKey), "selected": form.values["role"] == role.rawValue]
        }
        data["people"] = people.map { person -> [String: Any] in
            let state: String = switch person.state {
            case .invited(let until): console.renderer.text("console_admin_staff_invited_until", context, ["until": ConsoleAdmin.time(until)])
            case .invitationExpired: t("console_admin_staff_invitation_expired")
            case .notInvited: t("console_admin_staff_not_invited")
            case .active: t("console_admin_staff_active")
            case .disabled(let at, _): console.renderer.text("console_admin_staff_disabled_at", context, ["at": ConsoleAdmin.time(at)])
            }
            let enabled = if case .disabled = person.state { false } else { true }
            return ["id": person.id, "name": person.name, "login": person.login ?? "", "role": t(person.role.catalogueKey),
                    "organisation": person.organisationCode, "state": state, "can_disable": enabled && person.id != staff.id]
        }
        if let link { data["link"] = link }
        if request.uri.queryParameters["disabled"] != nil { data["notice"] = t("console_admin_staff_disabled") }
        return console.renderer.consolePage("console_admin_staff", titleKey: "console_admin_staff_title", data: data, context: context,
                                            request: request, status: status)
    }

    private func invite(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try ConsoleAdmin.admin(console, .staff, request, context)
        if let reauth = ConsoleReauthRoutes.demand(context, console, back: "/console/staff") { return reauth }
        let t = { (key: String) in console.renderer.text(key, context) }
        var form = FormState(values: Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, context.form[$0]) }))
        let centres = try await ConsoleAdmin.centres(console, staff)
        let organisation = ConsoleAdmin.organisation(context.form["organisation"], staff, centres: centres)
        let role = StaffRoleCode(rawValue: context.form["role"])
        if organisation == nil { form.fail("organisation", t("console_admin_error_owner")) }
        if role == nil { form.fail("role", t("console_admin_error_role")) }
        guard let organisation, let role else { return try await page(staff, form, request, context, status: .unprocessableContent) }
        let contact = context.form["contact"].trimmingCharacters(in: .whitespaces)
        let draft = StaffInvite(organisation: organisation, role: role, name: context.form["name"], login: context.form["login"],
                                contact: contact.isEmpty ? nil : contact, language: context.language.rawValue)
        let issued: IssuedInvitation
        do {
            issued = try await StaffStore(database: console.database(for: staff)).invite(
                draft, actor: staff.actor, source: console.gateway.source(request, context))
        } catch let error as OrganisationError {
            let field = switch error.field {
            case "role": "role"
            case "name", "login", "contact": error.field
            default: "organisation"
            }
            form.fail(field, t(Self.errorKey(error)))
            return try await page(staff, form, request, context, status: .unprocessableContent)
        }
        return try await page(staff, FormState(), request, context, link: Self.link(issued.path, request, console))
    }

    private func disable(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try ConsoleAdmin.admin(console, .staff, request, context)
        if let reauth = ConsoleReauthRoutes.demand(context, console, back: "/console/staff") { return reauth }
        guard let id = context.parameters.get("id").flatMap({ Int64($0) }), id != staff.id else { throw HTTPError(.notFound) }
        do {
            try await StaffStore(database: console.database(for: staff)).disable(
                staffID: id, actor: staff.actor, source: console.gateway.source(request, context))
        } catch OrganisationError.unknownStaff {
            throw HTTPError(.notFound)
        } catch StaffStoreError.alreadyDisabled {
            return .seeOther("/console/staff")
        }
        return .seeOther("/console/staff?disabled=1")
    }

    static func errorKey(_ error: OrganisationError) -> String {
        switch error {
        case .invalidLogin: "console_admin_error_login"
        case .loginTaken: "console_admin_error_login_taken"
        case .invalidName: "console_admin_error_name"
        case .invalidContact: "console_admin_error_contact"
        case .roleNotForOrganisation: "console_admin_error_role_organisation"
        default: "console_admin_error_owner"
        }
    }

    /// The whole link to send: TALENTMATCH_PUBLIC_URL as the command line uses it, else this
    /// request's own host. A loopback host is the demo or a developer's `serve`, which speak plain
    /// HTTP (browsers treat loopback as secure, so its `__Host-` cookies still work); any other
    /// host is reached through TLS when cookies are secure.
    static func link(_ path: String, _ request: Request, _ console: StaffConsole) -> String {
        if let base = ProcessInfo.processInfo.environment["TALENTMATCH_PUBLIC_URL"], !base.isEmpty {
            return (base.hasSuffix("/") ? String(base.dropLast()) : base) + path
        }
        let host = request.head.authority ?? "localhost:8080"
        return scheme(host: host, secureCookies: console.gateway.configuration.secureCookies) + "://" + host + path
    }

    /// `http` for a loopback host or when cookies are not secure, `https` otherwise.
    static func scheme(host: String, secureCookies: Bool) -> String {
        let name = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }) + "]" : String(host.prefix { $0 != ":" })
        let loopback = ["localhost", "127.0.0.1", "[::1]"].contains(name.lowercased())
        return secureCookies && !loopback ? "https" : "http"
    }
}
