import Foundation
import Hummingbird
import MatchStore

/// The couple page: the couple or invitations, and for a confirmed couple its joint list, the
/// helper and the form to add a pair from the partners' own lists.
struct CouplePage {
    let gateway: CandidateGateway

    func render(_ id: Int64, error: String?, _ request: Request, _ context: GatewayRequestContext,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let store = CoupleStore(database: gateway.database)
        let open = try await store.invitations(candidateID: id)
        var data: [String: Any] = ["limit": JointRankingStore.maximumLength]
        if let error { data["error"] = error }
        if let couple = open.first(where: { $0.status == .confirmed }) {
            data["couple"] = try await confirmed(couple, viewer: id)
        } else {
            data["single"] = true
            data["sent"] = open.filter(\.isInviter).map { ["id": $0.id, "contact": $0.inviteeContact] }
            data["received"] = open.filter { !$0.isInviter }.map { ["id": $0.id, "name": $0.partnerName] }
        }
        return gateway.renderer.page("couple", titleKey: "couple_title", data: data, context: context, request: request, status: status)
    }

    private func confirmed(_ couple: CoupleView, viewer: Int64) async throws -> [String: Any] {
        let pairs = try await JointRankingStore(database: gateway.database).current(coupleID: couple.id)
        let titles = try await postTitles(Set(pairs.flatMap { [$0.first, $0.second].compactMap { $0 } }))
        let partner = couple.partnerID ?? 0
        let (firstID, secondID) = couple.isInviter ? (viewer, partner) : (partner, viewer)
        let ranking = RankingStore(database: gateway.database)
        let mine = try await ranking.current(candidateID: viewer)
        let theirs = try await ranking.current(candidateID: partner)
        let own = { (entries: [RankingStore.Entry]) in entries.filter { $0.status == "open" }.map { ["id": $0.vacancyID, "title": $0.title, "region": $0.regionName] } }
        return [
            "id": couple.id, "partner": couple.partnerName, "accepts_unplaced": couple.acceptsUnplaced,
            "partner_accepts_unplaced": couple.partnerAcceptsUnplaced,
            "pairs": pairs.enumerated().map { index, pair -> [String: Any] in
                [
                    "rank": index + 1, "key": JointListRoutes.key(pair),
                    "mine": (couple.isInviter ? pair.first : pair.second).flatMap { titles[$0] } ?? "",
                    "theirs": (couple.isInviter ? pair.second : pair.first).flatMap { titles[$0] } ?? "",
                    "first": index == 0, "last": index == pairs.count - 1,
                ]
            },
            "empty": pairs.isEmpty, "my_posts": own(mine), "their_posts": own(theirs),
            "first_is_me": firstID == viewer, "second_is_me": secondID == viewer,
        ]
    }

    private func postTitles(_ ids: Set<Int64>) async throws -> [Int64: String] {
        var titles: [Int64: String] = [:]
        let catalogue = PostCatalogue(database: gateway.database)
        for id in ids { titles[id] = try await catalogue.detail(id: id).map { "\($0.summary.title) · \($0.summary.regionName)" } }
        return titles
    }
}
