import Foundation
import Hummingbird
import MatchStore

/// An office's organisation in the console: its centres (listed, and created by its admin)
/// and the offices in the regions below it (listed, and created: a province's office sets up
/// its prefectures' offices). Creating either needs re-authentication (ADR 0053). Through
/// `CentreStore` and `OfficeStore`, as `talentmatch centre|office create` do, with their
/// checks: a centre's region lies in the office's, a new office's strictly below it.
struct ConsoleOrganisationRoutes {
    let console: StaffConsole

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("centres") { request, context in
            let staff = try ConsoleAdmin.admin(console, .centres, request, context)
            return try await centresPage(staff, FormState(), request, context)
        }
        router.post("centres") { request, context in try await createCentre(request, context) }
        router.get("offices") { request, context in
            let staff = try ConsoleAdmin.admin(console, .offices, request, context)
            return try await officesPage(staff, FormState(), request, context)
        }
        router.post("offices") { request, context in try await createOffice(request, context) }
    }

    private func centresPage(_ staff: StaffIdentity, _ form: FormState, _ request: Request, _ context: GatewayRequestContext,
                             status: HTTPResponse.Status = .ok) async throws -> Response {
        let t = { (key: String) in console.renderer.text(key, context) }
        let centres = try await ConsoleAdmin.centres(console, staff)
        var data = form.templateData(fields: ["code", "name", "region"])
        data["centres"] = centres.map { centre -> [String: Any] in
            ["code": centre.code, "name": centre.name, "region": "\(centre.regionName) (\(centre.regionCode))",
             "status": t("console_admin_status_" + centre.status), "open": centre.openVacancies]
        }
        data["has_centres"] = !centres.isEmpty
        if request.uri.queryParameters["created"] != nil { data["notice"] = t("console_admin_centre_created") }
        return console.renderer.consolePage("console_admin_centres", titleKey: "console_admin_centres_title", data: data,
                                            context: context, request: request, status: status)
    }

    private func createCentre(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try ConsoleAdmin.admin(console, .centres, request, context)
        if let reauth = ConsoleReauthRoutes.demand(context, console, back: "/console/centres") { return reauth }
        var form = FormState(values: ["code": context.form["code"], "name": context.form["name"], "region": context.form["region"]])
        let draft = CentreStore.Draft(officeCode: staff.officeCode, code: context.form["code"], name: context.form["name"],
                                      regionCode: context.form["region"].trimmingCharacters(in: .whitespaces))
        do {
            try await CentreStore(database: console.database(for: staff)).create(
                draft, actor: staff.actor, source: console.gateway.source(request, context))
        } catch let error as OrganisationError {
            Self.fail(&form, error, context, console)
            return try await centresPage(staff, form, request, context, status: .unprocessableContent)
        }
        return .seeOther("/console/centres?created=1")
    }

    private func officesPage(_ staff: StaffIdentity, _ form: FormState, _ request: Request, _ context: GatewayRequestContext,
                             status: HTTPResponse.Status = .ok) async throws -> Response {
        let t = { (key: String) in console.renderer.text(key, context) }
        let offices = try await OfficeStore(database: console.database(for: staff)).list(within: staff.regionPrefix)
            .filter { $0.code != staff.officeCode }
        var data = form.templateData(fields: ["code", "name", "region"])
        data["offices"] = offices.map { office -> [String: Any] in
            ["code": office.code, "name": office.name, "region": "\(office.regionName) (\(office.regionCode))",
             "status": t("console_admin_status_" + office.status), "centres": office.centres, "staff": office.staff]
        }
        data["has_offices"] = !offices.isEmpty
        if request.uri.queryParameters["created"] != nil { data["notice"] = t("console_admin_office_created") }
        return console.renderer.consolePage("console_admin_offices", titleKey: "console_admin_offices_title", data: data,
                                            context: context, request: request, status: status)
    }

    private func createOffice(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try ConsoleAdmin.admin(console, .offices, request, context)
        if let reauth = ConsoleReauthRoutes.demand(context, console, back: "/console/offices") { return reauth }
        var form = FormState(values: ["code": context.form["code"], "name": context.form["name"], "region": context.form["region"]])
        let database = console.database(for: staff)
        guard let parent = try await OfficeRecord.find(code: staff.officeCode, in: console.gateway.database) else { throw HTTPError(.notFound) }
        // A new office joins its parent's market: the night it is matched in.
        let market = try await OfficeStore(database: database).list(within: staff.regionPrefix).first { $0.code == staff.officeCode }?.market
        let draft = OfficeStore.Draft(code: context.form["code"], name: context.form["name"],
                                      regionCode: context.form["region"].trimmingCharacters(in: .whitespaces), marketCode: market)
        do {
            try await OfficeStore(database: database).create(draft, within: parent, actor: staff.actor,
                                                             source: console.gateway.source(request, context))
        } catch let error as OrganisationError {
            Self.fail(&form, error, context, console)
            return try await officesPage(staff, form, request, context, status: .unprocessableContent)
        }
        return .seeOther("/console/offices?created=1")
    }

    /// The store's refusal beside the field it is about.
    static func fail(_ form: inout FormState, _ error: OrganisationError, _ context: GatewayRequestContext, _ console: StaffConsole) {
        let (field, key) = switch error {
        case .invalidCode: ("code", "console_admin_error_code")
        case .codeTaken: ("code", "console_admin_error_code_taken")
        case .invalidName: ("name", "console_admin_error_name")
        case .regionOutside: ("region", "console_admin_error_region_outside")
        default: ("region", "console_admin_error_region")
        }
        form.fail(field, console.renderer.text(key, context))
    }
}
