import Foundation
import Hummingbird
import MatchStore

extension PageRenderer {
    /// A console page: `console_layout`'s header (who is signed in, the console's sections)
    /// and the staff session's CSRF token on every form.
    func consolePage(
        _ template: String, titleKey: String, data: [String: Any] = [:], context: GatewayRequestContext,
        request: Request, status: HTTPResponse.Status = .ok
    ) -> Response {
        let language = context.language
        var values = Self.withoutEmptyStrings(data) as? [String: Any] ?? [:]
        values["page_title"] = data["heading"] as? String ?? catalogue.text(titleKey, language)
        if let token = context.staffSession?.csrfToken() { values["csrf"] = token }
        if let staff = context.staff {
            values["staff"] = ["name": staff.name, "organisation": staff.centreCode ?? staff.officeCode,
                               "role": catalogue.text(staff.role.catalogueKey, language)]
            values["nav_posts"] = staff.may(.vacanciesRead)
            values["nav_policy"] = staff.may(.policiesRead) && staff.centreID == nil
            values["nav_runs"] = staff.may(.runsRead) && staff.centreID == nil
            values["nav_reviews"] = staff.may(.reviewsRead) && staff.centreID == nil
            let admin = { (what: StaffRoleCode.Administration) in staff.administers(what) && staff.centreID == nil }
            values["nav_audit"] = admin(.staff)
            values["nav_staff"] = admin(.staff)
            values["nav_centres"] = admin(.centres)
            values["nav_offices"] = admin(.offices)
            values["nav_tokens"] = admin(.tokens)
        }
        return render(template, values: values, request: request, language: language, status: status)
    }
}
