import Foundation
import Hummingbird
import MatchStore

/// Answering a couple's linked offer (ADR 0041): an acceptance waits for the partner's, a
/// decline (with its reason) declines both and frees both seats.
struct LinkedOfferAnswer {
    let gateway: CandidateGateway

    func answer(
        _ offer: Int64, by id: Int64, accept: Bool, _ request: Request, _ context: GatewayRequestContext,
        page: (FormState) async throws -> Response
    ) async throws -> Response {
        let store = CoupleOfferStore(database: gateway.database)
        var form = FormState(values: ["reason": context.form["reason"]])
        let outcome: CoupleOfferStore.Outcome
        if accept {
            outcome = try await store.accept(offerID: offer, candidateID: id, actor: "candidate:\(id)")
        } else {
            let reason = context.form["reason"]
            guard !reason.isEmpty, reason.count <= 500 else {
                form.fail("reason", gateway.renderer.text("error_decline_reason", context))
                return try await page(form)
            }
            outcome = try await store.decline(offerID: offer, candidateID: id, reason: reason, actor: "candidate:\(id)")
        }
        switch outcome {
        case .waitingForPartner, .bothAccepted, .bothDeclined: return .seeOther("/offer")
        case .notFound, .notLinked: throw HTTPError(.notFound)
        case .notPending: form.fail("answer", gateway.renderer.text("offer_already_answered", context))
        case .pastDeadline: form.fail("answer", gateway.renderer.text("offer_past_deadline", context))
        }
        return try await page(form)
    }

    static func templateData(_ link: CoupleOfferStore.Link, state: String) -> [String: Any] {
        [
            // A pending offer's own label speaks to its holder ("awaiting your answer"): the
            // partner's pending state is told by the two notices instead.
            "partner": link.partnerName, "post": link.partnerPostTitle, "state": link.partnerState == "pending" ? "" : state,
            "partner_accepted": link.partnerAccepted, "you_accepted": link.ownAccepted,
            // A review of either offer pauses both (ADR 0049): say so, since the partner who
            // did not ask sees their own deadline stopped too.
            "pair_paused": link.partnerState == "under_review",
        ]
    }
}
