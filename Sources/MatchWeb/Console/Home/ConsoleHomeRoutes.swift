import Foundation
import Hummingbird
import MatchStore

/// The console's first page: who is signed in, for which office or centre, in which role,
/// and what that role may do.
struct ConsoleHomeRoutes {
    let console: StaffConsole

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get { request, context in try home(request, context) }
    }

    private func home(_ request: Request, _ context: GatewayRequestContext) throws -> Response {
        let staff = try console.requireStaff(request, context)
        let t = { (key: String) in console.renderer.text(key, context) }
        let rights = staff.role.permissions.map(\.rawValue).sorted().map { t("console_permission_" + $0.replacingOccurrences(of: ":", with: "_").replacingOccurrences(of: "-", with: "_")) }
            + StaffRoleCode.Administration.allCases.filter(staff.administers).map { t("console_administers_" + $0.rawValue) }
        let data: [String: Any] = [
            "role": t(staff.role.catalogueKey),
            "organisation_kind": t(staff.centreCode == nil ? "console_office" : "console_centre"),
            "organisation": staff.centreCode ?? staff.officeCode,
            "rights": rights,
        ]
        return console.renderer.consolePage("console_home", titleKey: "console_home_title", data: data, context: context, request: request)
    }
}
