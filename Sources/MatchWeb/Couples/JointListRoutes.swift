import Foundation
import Hummingbird
import MatchStore

/// A couple's joint list of pairs of posts: the helper proposes pairs from both partners' own
/// lists under the rule they pick; pairs are added from the partners' own posts (or "unplaced"
/// when that partner accepts it), moved and removed with one button each (ADR 0040).
struct JointListRoutes {
    let gateway: CandidateGateway
    typealias Pair = JointRankingStore.Pair

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.post("/couple/pairs/propose") { request, context in
            let id = try gateway.requireCandidate(request, context)
            guard let rule = PairProposal.Rule(rawValue: context.form["rule"]) else {
                return try await CouplePage(gateway: gateway).render(id, error: gateway.renderer.text("couple_rule_missing", context),
                                                                     request, context, status: .unprocessableContent)
            }
            let proposed = try await JointRankingStore(database: gateway.database).proposals(candidateID: id, rule: rule)
            return try await change(request, context) { current in
                let known = Set(current)
                return Array((current + proposed.filter { !known.contains($0) }).prefix(JointRankingStore.maximumLength))
            }
        }
        router.post("/couple/pairs/add") { request, context in
            let pair = Pair(first: Int64(context.form["first"]), second: Int64(context.form["second"]))
            return try await change(request, context) { $0.contains(pair) ? $0 : $0 + [pair] }
        }
        router.post("/couple/pairs/remove") { request, context in
            let key = context.form["pair"]
            return try await change(request, context) { $0.filter { Self.key($0) != key } }
        }
        router.post("/couple/pairs/move") { request, context in
            let key = context.form["pair"]
            let up = context.form["direction"] == "up"
            return try await change(request, context) { current in
                guard let index = current.firstIndex(where: { Self.key($0) == key }) else { return current }
                let target = up ? index - 1 : index + 1
                guard current.indices.contains(target) else { return current }
                var moved = current
                moved.swapAt(index, target)
                return moved
            }
        }
    }

    /// `first-second`, 0 for an unplaced partner: what a form names a pair by.
    static func key(_ pair: Pair) -> String { "\(pair.first ?? 0)-\(pair.second ?? 0)" }

    private func change(_ request: Request, _ context: GatewayRequestContext, _ edit: ([Pair]) -> [Pair]) async throws -> Response {
        let id = try gateway.requireCandidate(request, context)
        guard let couple = try await CoupleStore(database: gateway.database).current(candidateID: id), couple.status == .confirmed else {
            return try await CouplePage(gateway: gateway).render(id, error: gateway.renderer.text("couple_not_found", context), request, context,
                                                                 status: .conflict)
        }
        let store = JointRankingStore(database: gateway.database)
        let current = try await store.current(coupleID: couple.id)
        let wanted = edit(current)
        guard wanted != current else { return .seeOther("/couple#pairs") }
        let outcome = try await store.replace(candidateID: id, with: wanted, source: gateway.source(request, context))
        guard case .saved = outcome else {
            let message = try await message(outcome, context)
            return try await CouplePage(gateway: gateway).render(id, error: message, request, context, status: outcome == .frozen ? .conflict : .unprocessableContent)
        }
        return .seeOther("/couple#pairs")
    }

    private func message(_ outcome: JointRankingStore.Outcome, _ context: GatewayRequestContext) async throws -> String {
        let t = { (key: String, arguments: [String: String]) in gateway.renderer.text(key, context, arguments) }
        switch outcome {
        case .saved: return ""
        case .notInCouple: return t("couple_not_found", [:])
        case .frozen: return t("couple_frozen", [:])
        case .crossesMarkets: return t("ranking_crosses_markets", [:])
        case .profileIncomplete: return t("couple_profile_incomplete", [:])
        case .unknownPost: return t("ranking_unknown_post", [:])
        case .closedPost: return t("ranking_closed_post", [:])
        case .unplacedNotAccepted: return t("couple_unplaced_not_accepted", [:])
        case .duplicatePair: return t("couple_pair_duplicate", [:])
        case .tooLong(let limit): return t("couple_too_long", ["limit": String(limit)])
        case .ineligible(_, let partnerIsFirst, let reasons):
            var text = ReasonText(renderer: gateway.renderer, context: context)
            text.specialtyNames = try await ReasonText.specialtyNames(for: reasons, lookup: ReferenceLookup(database: gateway.database))
            let who = t(partnerIsFirst ? "couple_inviter" : "couple_invitee", [:])
            return t("couple_ineligible", ["who": who, "reasons": reasons.map(text.ineligibility).joined(separator: t("rule_separator", [:]))])
        }
    }
}
