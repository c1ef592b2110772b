import Foundation
import Hummingbird
import MatchStore

/// "My ranking": add, remove and move posts with plain forms (one button each, so it works
/// with the keyboard and without JavaScript); `rank.js` adds drag and drop on top.
struct RankingRoutes {
    let gateway: CandidateGateway

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("/ranking") { request, context in
            let id = try gateway.requireCandidate(request, context)
            return try await page(id, error: nil, request, context)
        }
        router.post("/ranking/add") { request, context in
            try await change(request, context, focusing: true) { current, vacancy in current.contains(vacancy) ? current : current + [vacancy] }
        }
        router.post("/ranking/remove") { request, context in
            try await change(request, context) { current, vacancy in current.filter { $0 != vacancy } }
        }
        router.post("/ranking/move") { request, context in
            let up = context.form["direction"] == "up"
            return try await change(request, context, focusing: true) { current, vacancy in Self.move(vacancy, up: up, in: current) }
        }
        router.post("/ranking/order") { request, context in
            let order = context.form["order"].split(separator: ",").compactMap { Int64($0) }
            return try await change(request, context, vacancyField: nil) { current, _ in
                // A reorder may only permute what is already ranked.
                Set(order) == Set(current) && order.count == current.count ? order : current
            }
        }
    }

    static func move(_ vacancy: Int64, up: Bool, in list: [Int64]) -> [Int64] {
        guard let index = list.firstIndex(of: vacancy) else { return list }
        let target = up ? index - 1 : index + 1
        guard list.indices.contains(target) else { return list }
        var result = list
        result.swapAt(index, target)
        return result
    }

    /// `focusing`: the answer sends the browser to the post's card (`#post-ID`, focusable), so
    /// a keyboard user who pressed Move up carries on from that card, not from the top of the page.
    private func change(
        _ request: Request, _ context: GatewayRequestContext, vacancyField: String? = "vacancy", focusing: Bool = false,
        _ edit: ([Int64], Int64) -> [Int64]
    ) async throws -> Response {
        let id = try gateway.requireCandidate(request, context)
        var vacancy: Int64 = 0
        if let vacancyField {
            guard let parsed = Int64(context.form[vacancyField]) else {
                return try await page(id, error: gateway.renderer.text("ranking_unknown_post", context), request, context, status: .unprocessableContent)
            }
            vacancy = parsed
        }
        let store = RankingStore(database: gateway.database)
        let current = try await store.current(candidateID: id).map(\.vacancyID)
        let wanted = edit(current, vacancy)
        let back = focusing ? "/ranking#post-\(vacancy)" : "/ranking"
        guard wanted != current else { return .seeOther(back) }
        let outcome = try await store.replace(candidateID: id, with: wanted, source: gateway.source(request, context))
        var text = ReasonText(renderer: gateway.renderer, context: context)
        if case .ineligible(_, let reasons) = outcome {
            text.specialtyNames = try await ReasonText.specialtyNames(for: reasons, lookup: ReferenceLookup(database: gateway.database))
        }
        let (message, status): (String, HTTPResponse.Status) = switch outcome {
        case .saved: ("", .ok)
        case .frozen: (gateway.renderer.text("ranking_frozen", context), .conflict)
        case .crossesMarkets: (gateway.renderer.text("ranking_crosses_markets", context), .unprocessableContent)
        case .profileIncomplete: (gateway.renderer.text("ranking_profile_incomplete", context), .unprocessableContent)
        case .unknownPost: (gateway.renderer.text("ranking_unknown_post", context), .unprocessableContent)
        case .closedPost: (gateway.renderer.text("ranking_closed_post", context), .unprocessableContent)
        case .ineligible(_, let reasons):
            (gateway.renderer.text("ranking_ineligible", context, ["reasons": reasons.map(text.ineligibility).joined(separator: gateway.renderer.text("rule_separator", context))]),
             .unprocessableContent)
        case .tooLong(let limit): (gateway.renderer.text("ranking_too_long", context, ["limit": String(limit)]), .unprocessableContent)
        }
        if case .saved = outcome { return .seeOther(back) }
        return try await page(id, error: message, request, context, status: status)
    }

    private func page(_ id: Int64, error: String?, _ request: Request, _ context: GatewayRequestContext,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let store = RankingStore(database: gateway.database)
        let entries = try await store.current(candidateID: id)
        var data: [String: Any] = [
            "entries": entries.enumerated().map { index, entry -> [String: Any] in
                [
                    "rank": index + 1, "id": entry.vacancyID, "title": entry.title, "region": entry.regionName,
                    "closed": entry.status != "open", "first": index == 0, "last": index == entries.count - 1,
                ]
            },
            "empty": entries.isEmpty,
            "order": entries.map { String($0.vacancyID) }.joined(separator: ","),
            "next_match": gateway.configuration.nextMatch(),
        ]
        // The lottery's commitment is published when rankings freeze, the secret with the results (ADR 0031).
        if let lottery = try await store.lottery(candidateID: id) {
            data["frozen"] = lottery.isFrozen
            data["lottery_night"] = lottery.night
            data["lottery_commitment"] = lottery.commitment
            if let secret = lottery.secret { data["lottery_secret"] = secret }
        }
        if let error { data["error"] = error }
        return gateway.renderer.page("ranking", titleKey: "ranking_title", data: data, context: context, request: request, status: status)
    }
}
