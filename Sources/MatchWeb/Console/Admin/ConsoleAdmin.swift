import Foundation
import Hummingbird
import MatchStore

/// Who may administer what in the console (`StaffRoleCode.administers`), and the organisations
/// an office admin acts for: its own office and its centres. The organisation tables have no
/// row-level security (offices and centres are on every post), so the console offers and
/// accepts only these, and a code from elsewhere is refused beside its field.
enum ConsoleAdmin {
    /// An office's admin who administers `what`; anyone else finds nothing here (404).
    static func admin(_ console: StaffConsole, _ what: StaffRoleCode.Administration, _ request: Request,
                      _ context: GatewayRequestContext) throws -> StaffIdentity {
        let staff = try console.requireStaff(request, context)
        guard staff.administers(what), staff.centreID == nil else { throw HTTPError(.notFound) }
        return staff
    }

    /// The office's own centres, as the console lists them.
    static func centres(_ console: StaffConsole, _ staff: StaffIdentity) async throws -> [CentreStore.Listing] {
        try await CentreStore(database: console.database(for: staff)).list(officeCode: staff.officeCode)
    }

    /// `office:BZ-HR` and `centre:BZ-CENTRE` choices for a select, the office first.
    static func organisations(_ staff: StaffIdentity, centres: [CentreStore.Listing], selected: String?,
                              _ text: (String, [String: String]) -> String) -> [[String: Any]] {
        let office: [String: Any] = ["value": "office:" + staff.officeCode, "selected": selected == "office:" + staff.officeCode,
                                     "label": text("console_admin_org_office", ["code": staff.officeCode])]
        return [office] + centres.map { centre in
            ["value": "centre:" + centre.code, "selected": selected == "centre:" + centre.code,
             "label": text("console_admin_org_centre", ["code": centre.code, "name": centre.name])]
        }
    }

    /// The choice back as an organisation, if it is one the office acts for.
    static func organisation(_ value: String, _ staff: StaffIdentity, centres: [CentreStore.Listing]) -> StaffInvite.Organisation? {
        if value == "office:" + staff.officeCode { return .office(code: staff.officeCode) }
        guard value.hasPrefix("centre:") else { return nil }
        let code = String(value.dropFirst("centre:".count))
        return centres.contains { $0.code == code } ? .centre(code: code) : nil
    }

    /// `2026-12-07 18:39 UTC`, or the empty string.
    static func time(_ date: Date?) -> String { date.map(ConsolePolicyRoutes.time) ?? "" }
}
