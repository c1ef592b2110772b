import Foundation
import Hummingbird
import MatchCore
import MatchStore

/// An office's policy in the console: the version in force and every past one, each with all
/// its settings and reasons, and a diff between any two. Office staff who read policies see
/// their own office's only (the scoped pool, ADR 0016); a centre's editor finds nothing (404).
struct ConsolePolicyRoutes {
    let console: StaffConsole

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("policy") { request, context in try await overview(request, context) }
        router.get("policy/versions/:version") { request, context in try await version(request, context) }
        router.get("policy/diff") { request, context in try await diff(request, context) }
    }

    /// An office's staff member who reads policies; anyone else finds nothing here.
    static func reader(_ console: StaffConsole, _ request: Request, _ context: GatewayRequestContext) throws -> StaffIdentity {
        let staff = try console.requireStaff(request, context)
        guard staff.may(.policiesRead), staff.centreID == nil else { throw HTTPError(.notFound) }
        return staff
    }

    private func versions(_ staff: StaffIdentity) async throws -> [PolicyRecord] {
        try await PolicyStore(database: console.database(for: staff)).versions(officeCode: staff.officeCode)
    }

    private func overview(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try Self.reader(console, request, context)
        let all = try await versions(staff)
        var data: [String: Any] = [
            "has_versions": !all.isEmpty, "can_edit": staff.may(.policiesWrite), "can_what_if": staff.may(.runsDryRun),
            "versions": all.map { ["version": $0.version, "created": Self.time($0.createdAt), "by": $0.createdBy, "note": $0.note] },
            "diff_from": all.map { ["version": $0.version, "selected": $0.version == (all.count > 1 ? all[1].version : 0)] },
            "diff_to": all.map { ["version": $0.version, "selected": $0.version == all.first?.version] },
            "can_diff": all.count > 1,
        ]
        if let current = all.first { data["current"] = details(current, context) }
        return console.renderer.consolePage("console_policy", titleKey: "console_policy_title", data: data, context: context, request: request)
    }

    private func version(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try Self.reader(console, request, context)
        guard let number = context.parameters.get("version").flatMap({ Int($0) }),
              let record = try await versions(staff).first(where: { $0.version == number }) else { throw HTTPError(.notFound) }
        var data = details(record, context)
        data["heading"] = console.renderer.text("console_policy_version_title", context, ["version": String(number)])
        return console.renderer.consolePage("console_policy_version", titleKey: "console_policy_title", data: data, context: context, request: request)
    }

    private func diff(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try Self.reader(console, request, context)
        let query = request.uri.queryParameters
        let all = try await versions(staff)
        guard let from = query["from"].flatMap({ Int($0) }).flatMap({ v in all.first { $0.version == v } }),
              let to = query["to"].flatMap({ Int($0) }).flatMap({ v in all.first { $0.version == v } }) else { throw HTTPError(.notFound) }
        let t = { (key: String) in console.renderer.text(key, context) }
        let changes = PolicyDiff(from: from, to: to).changes.map { change -> [String: Any] in
            let label = t(change.labelKey)
            return ["setting": change.region.map { "\(label) · \($0)" } ?? label,
                    "from": change.from.isEmpty ? t("console_policy_none") : change.from,
                    "to": change.to.isEmpty ? t("console_policy_none") : change.to]
        }
        let data: [String: Any] = [
            "heading": console.renderer.text("console_policy_diff_title", context, ["from": String(from.version), "to": String(to.version)]),
            "from": from.version, "to": to.version, "changes": changes, "has_changes": !changes.isEmpty,
        ]
        return console.renderer.consolePage("console_policy_diff", titleKey: "console_policy_title", data: data, context: context, request: request)
    }

    /// One version's settings for the `console_policy_details` partial.
    private func details(_ record: PolicyRecord, _ context: GatewayRequestContext) -> [String: Any] {
        let t = { (key: String) in console.renderer.text(key, context) }
        return [
            "version": record.version, "created": Self.time(record.createdAt), "by": record.createdBy, "note": record.note,
            "weights": ScoringFeature.allCases.map { ["label": t(PolicyDiff.featureKey($0)), "value": PolicyDiff.number(record.weights[$0] ?? 0)] },
            "native_place_reason": record.nativePlaceReason ?? "", "experience_cap": record.experienceCap, "offer_days": record.offerDays,
            "regions": record.regions.map { ["region": $0.region.digits, "cap": $0.cap.map(String.init) ?? "", "floor": $0.floor.map(String.init) ?? "",
                                             "reason": $0.reason] },
            "has_regions": !record.regions.isEmpty,
        ]
    }

    /// `2026-12-07 18:39 UTC`: a desk clerk's way of writing the moment, the same in both languages.
    static func time(_ date: Date) -> String {
        let iso = date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .gmt))
        return String(iso.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
    }
}
