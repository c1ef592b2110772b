import Hummingbird
import MatchStore
import MatchWorkflow

/// The what-if's result page: the draft beside the committed night (fill by region, floors and
/// shortfall, each of the office's posts whose set of candidates changes, how many candidates
/// move, and what spills over to other offices, as counts only), with the draft in hidden
/// fields for committing it, changing it or throwing it away.
struct ConsoleWhatIfView {
    enum Result {
        /// The market has no committed night to compare with.
        case noNight
        /// Tonight's match of the market is running.
        case busy
        /// The solve or the verifier refused the market, in the engine's words.
        case failed([String])
        case solved(committed: RunReports.Detail?, draft: NightlySummary, difference: RunDifference)
    }

    let console: StaffConsole
    let staff: StaffIdentity
    let form: ConsolePolicyForm

    func page(_ result: Result, _ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let t = { (key: String, values: [String: String]) in console.renderer.text(key, context, values) }
        var data: [String: Any] = [
            "can_commit": staff.may(.policiesWrite),
            "draft": form.values.keys.sorted().map { ["name": $0, "value": form.values[$0] ?? ""] },
            "rows": form.rows,
        ]
        switch result {
        case .noNight: data["notice"] = t("console_whatif_no_night", [:])
        case .busy: data["notice"] = t("console_whatif_busy", [:])
        case .failed(let reasons):
            data["notice"] = t("console_whatif_failed", [:])
            data["reasons"] = reasons
            data["has_reasons"] = !reasons.isEmpty
        case .solved(let committed, let draft, let difference):
            data["solved"] = true
            data.merge(try await solved(committed: committed, draft: draft, difference, t)) { $1 }
        }
        return console.renderer.consolePage("console_whatif", titleKey: "console_whatif_title", data: data, context: context, request: request)
    }

    private func solved(
        committed: RunReports.Detail?, draft: NightlySummary, _ difference: RunDifference, _ t: (String, [String: String]) -> String
    ) async throws -> [String: Any] {
        let before = committed?.summary.floors ?? []
        let floorRegions = Set(before.map(\.region)).union(draft.floors.map(\.region)).sorted()
        let codes = Set(difference.ownFillByRegion.map(\.region)).union(floorRegions).union(difference.ownPostChanges.map(\.region))
        let names = try await RegionNames(database: console.database(for: staff)).names(Array(codes))
        let place = { (code: String) in names[code].map { "\($0) (\(code))" } ?? code }
        let own = difference.ownPosts
        return [
            "compared": t("console_whatif_compared", ["date": committed?.run.date ?? "", "run": String(difference.comparedRunID ?? 0)]),
            "fill": difference.ownFillByRegion.map { row -> [String: Any] in
                ["region": place(row.region), "seats": row.seats, "before": row.before, "after": row.after, "change": Self.signed(row.after - row.before)]
            },
            "floors": floorRegions.map { region -> [String: Any] in
                let old = before.first { $0.region == region }, new = draft.floors.first { $0.region == region }
                return ["region": place(region),
                        "before_floor": old.map { String($0.floor) } ?? "—", "before_placed": old.map { String($0.placed) } ?? "—",
                        "before_shortfall": old.map { String($0.shortfall) } ?? "—",
                        "after_floor": new.map { String($0.floor) } ?? "—", "after_placed": new.map { String($0.placed) } ?? "—",
                        "after_shortfall": new.map { String($0.shortfall) } ?? "—"]
            },
            "has_floors": !floorRegions.isEmpty,
            "posts": difference.ownPostChanges.map { post -> [String: Any] in
                ["id": post.vacancyID, "title": post.title, "region": place(post.region), "seats": post.seats,
                 "before": post.before, "after": post.after, "joined": post.joined, "left": post.left]
            },
            "has_posts": !difference.ownPostChanges.isEmpty,
            "moves": [
                ["label": t("console_whatif_moved", [:]), "count": own.moved],
                ["label": t("console_whatif_newly_placed", [:]), "count": own.newlyPlaced],
                ["label": t("console_whatif_no_longer_placed", [:]), "count": own.noLongerPlaced],
                ["label": t("console_whatif_unchanged", [:]), "count": own.unchanged],
            ] as [[String: Any]],
            "moved_total": t("console_whatif_moved_total", ["count": String(own.changed)]),
            "spillover_total": t("console_whatif_spillover_total", ["count": String(difference.spillover.changed)]),
            "spillover": difference.spilloverByOffice.keys.sorted().map { code -> [String: Any] in
                let shift = difference.spilloverByOffice[code] ?? .init()
                return ["office": code, "gained": shift.gained, "lost": shift.lost]
            },
            "has_spillover": !difference.spilloverByOffice.isEmpty,
        ]
    }

    /// `+2`, `-1`, `0`: a change as a clerk writes it.
    static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : String(value) }
}
