import Foundation
import Hummingbird
import MatchCore
import MatchStore

/// "My nights": every night the candidate took part in, each explained for every post they
/// ranked from that night's cutoffs (ADR 0037, ADR 0038). The offer page shows the newest.
struct NightRoutes {
    let gateway: CandidateGateway

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("/offer/nights/:run") { request, context in
            let id = try gateway.requireCandidate(request, context)
            guard let run = context.parameters.get("run", as: Int64.self) else { throw HTTPError(.notFound) }
            var data: [String: Any] = [:]
            // Another candidate's night, or one they were not in, is not there for them.
            guard try await add(id, runID: run, &data, context) else { throw HTTPError(.notFound) }
            return gateway.renderer.page("night", titleKey: "night_title", data: data, context: context, request: request)
        }
    }

    /// Adds the list of the candidate's nights and the explanation of one of them (the newest
    /// when `runID` is nil); false when there is no such night of theirs.
    @discardableResult
    func add(_ id: Int64, runID: Int64?, _ data: inout [String: Any], _ context: GatewayRequestContext) async throws -> Bool {
        let store = CandidateNightStore(database: gateway.database)
        let nights = try await store.nights(candidateID: id)
        guard let shown = runID.flatMap({ run in nights.first { $0.runID == run } }) ?? (runID == nil ? nights.first : nil) else {
            data["no_night"] = true
            return false
        }
        data["nights"] = nights.map { night -> [String: Any] in
            [
                "run": night.runID, "date": night.night, "current": night.runID == runID,
                "outcome": gateway.renderer.text(night.offered ? "nights_offered" : "nights_no_offer", context),
            ]
        }
        data["has_nights"] = !nights.isEmpty
        guard let night = try await store.night(candidateID: id, runID: shown.runID) else {
            data["no_night"] = true
            return false
        }
        var reasons = ReasonText(renderer: gateway.renderer, context: context)
        let refusals = night.posts.flatMap { post -> [IneligibilityReason] in
            if case .notEligible(let rules) = post.verdict { return rules }
            return []
        }
        reasons.specialtyNames = try await ReasonText.specialtyNames(for: refusals, lookup: ReferenceLookup(database: gateway.database))
        data["night"] = NightText(reasons: reasons, renderer: gateway.renderer, context: context).rows(night)
        data["heading"] = gateway.renderer.text("night_heading", context, ["date": night.night])
        return true
    }
}
