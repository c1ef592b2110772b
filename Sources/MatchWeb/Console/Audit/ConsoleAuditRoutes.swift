import Foundation
import Hummingbird
import MatchStore

/// The audit log for an office's admin: its part of the log (its staff's and its tokens'
/// rows, and those of the offices and centres below it; `AuditTrail`, ADR 0053), newest
/// first, filtered by actor, action and a date range, fifty rows a page. Anyone else finds
/// nothing here (404).
struct ConsoleAuditRoutes {
    let console: StaffConsole

    static let pageSize = 50

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("audit") { request, context in try await list(request, context) }
    }

    private func list(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try ConsoleAdmin.admin(console, .staff, request, context)
        let t = { (key: String) in console.renderer.text(key, context) }
        let query = request.uri.queryParameters
        var typed: [String: String] = [:]
        for name: Substring in ["actor", "action", "from", "to"] {
            let value: String = query[name].map { String($0) } ?? ""
            typed[String(name)] = String(value.prefix(100)).trimmingCharacters(in: .whitespaces)
        }
        var form = FormState(values: typed)
        let from = Self.day(typed["from"] ?? "")
        let through = Self.day(typed["to"] ?? "")
        if !(typed["from"] ?? "").isEmpty, from == nil { form.fail("from", t("console_audit_error_date")) }
        if !(typed["to"] ?? "").isEmpty, through == nil { form.fail("to", t("console_audit_error_date")) }
        if let from, let through, through < from { form.fail("to", t("console_audit_error_range")) }
        let action = typed["action"].flatMap { AuditTrail.actions.contains($0) ? $0 : nil }
        let filter = AuditFilter(actor: (typed["actor"] ?? "").isEmpty ? nil : typed["actor"], action: action, from: from, through: through)
        var entries: [AuditEntry] = []
        var next: String?
        if form.isValid {
            do {
                let page = try await AuditTrail(database: console.database(for: staff)).page(
                    officeID: staff.officeID, filter: filter, cursor: query["after"].map(String.init), limit: Self.pageSize)
                entries = page.items
                next = page.nextCursor.map { Self.link(typed, after: $0) }
            } catch AuditTrail.TrailError.invalidCursor {
                return .seeOther("/console/audit")
            }
        }
        var data = form.templateData(fields: ["actor", "action", "from", "to"])
        data["actions"] = AuditTrail.actions.map { ["value": $0, "label": $0.hasSuffix(".") ? $0 + "*" : $0, "selected": $0 == action] }
        data["entries"] = entries.map { entry -> [String: Any] in
            ["at": ConsolePolicyRoutes.time(entry.at), "actor": entry.actor, "action": entry.action, "subject": entry.subject,
             "details": entry.details.map { "\($0.key)=\($0.value)" }.joined(separator: " · "), "source": entry.source]
        }
        data["has_entries"] = !entries.isEmpty
        data["next"] = next ?? ""
        return console.renderer.consolePage("console_audit", titleKey: "console_audit_title", data: data, context: context,
                                            request: request, status: form.isValid ? .ok : .unprocessableContent)
    }

    /// The next page's address: the same filter, after the last row shown.
    static func link(_ filter: [String: String], after cursor: String) -> String {
        var pairs: [String] = []
        for (key, value) in filter.merging(["after": cursor], uniquingKeysWith: { $1 }).sorted(by: { $0.key < $1.key }) {
            pairs.append(key + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        return "/console/audit?" + pairs.joined(separator: "&")
    }

    /// `2026-12-07` as the start of that day, UTC (the times on the page are UTC too).
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        // 2026-02-31 would roll over into March: only a real day is a day.
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        return back.year == year && back.month == month && back.day == day ? date : nil
    }
}
