import Foundation
import Hummingbird
import MatchCore
import MatchStore

/// "My offer": the post, the deadline, the incentives and the engine's explanation; accept,
/// decline with a reason, or ask for a person to review the decision (PIPL Art. 24).
struct OfferRoutes {
    let gateway: CandidateGateway

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("/offer") { request, context in
            let id = try gateway.requireCandidate(request, context)
            return try await page(id, FormState(), request, context)
        }
        router.post("/offer/:offer/accept") { request, context in try await answer(request, context, accept: true) }
        router.post("/offer/:offer/decline") { request, context in try await answer(request, context, accept: false) }
        router.post("/offer/:offer/review") { request, context in try await requestReview(request, context) }
    }

    /// PIPL Art. 24: a person reviews the automated decision (ReviewStore, issue 5).
    private func requestReview(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let id = try gateway.requireCandidate(request, context)
        guard let offer = context.parameters.get("offer", as: Int64.self) else { throw HTTPError(.notFound) }
        var form = FormState(values: ["review_reason": context.form["review_reason"]])
        let reason = context.form["review_reason"]
        guard !reason.isEmpty, reason.count <= 1000 else {
            form.fail("review_reason", gateway.renderer.text("error_review_reason", context))
            return try await page(id, form, request, context, status: .unprocessableContent)
        }
        do {
            _ = try await ReviewStore(database: gateway.database).file(
                candidateID: id, offerID: offer, reason: reason,
                context: AuditContext(actor: "candidate:\(id)", source: gateway.source(request, context)))
        } catch ReviewStoreError.offerNotFound {
            throw HTTPError(.notFound)
        } catch ReviewStoreError.alreadyOpen {
            // Filed before (a double click): the page shows the open request.
        }
        return .seeOther("/offer")
    }

    private func answer(_ request: Request, _ context: GatewayRequestContext, accept: Bool) async throws -> Response {
        let id = try gateway.requireCandidate(request, context)
        guard let offer = context.parameters.get("offer", as: Int64.self) else { throw HTTPError(.notFound) }
        var form = FormState(values: ["reason": context.form["reason"]])
        let store = OfferStore(database: gateway.database)
        let outcome: OfferStore.AnswerOutcome
        if accept {
            outcome = try await store.accept(offerID: offer, candidateID: id, actor: "candidate:\(id)")
        } else {
            let reason = context.form["reason"]
            guard !reason.isEmpty, reason.count <= 500 else {
                form.fail("reason", gateway.renderer.text("error_decline_reason", context))
                return try await page(id, form, request, context, status: .unprocessableContent)
            }
            outcome = try await store.decline(offerID: offer, candidateID: id, reason: reason, actor: "candidate:\(id)")
        }
        switch outcome {
        case .done: return .seeOther("/offer")
        case .linkedToPartner:
            // A couple's linked offers are answered together (ADR 0041); the store changed nothing.
            return try await LinkedOfferAnswer(gateway: gateway).answer(offer, by: id, accept: accept, request, context) { form in
                try await page(id, form, request, context, status: form.errors.isEmpty ? .ok : .conflict)
            }
        case .notFound: throw HTTPError(.notFound)
        case .notPending:
            form.fail("answer", gateway.renderer.text("offer_already_answered", context))
        case .pastDeadline:
            form.fail("answer", gateway.renderer.text("offer_past_deadline", context))
        }
        return try await page(id, form, request, context, status: .conflict)
    }

    private func page(_ id: Int64, _ form: FormState, _ request: Request, _ context: GatewayRequestContext,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        var data = form.templateData(fields: ["reason", "answer"])
        try await NightRoutes(gateway: gateway).add(id, runID: nil, &data, context)
        data["heading"] = nil
        try await addHistory(id, &data, context)
        guard let offer = try await CandidateOfferStore(database: gateway.database).newest(candidateID: id) else {
            data["none"] = true
            data["next_match"] = gateway.configuration.nextMatch()
            return gateway.renderer.page("offer", titleKey: "offer_title", data: data, context: context, request: request, status: status)
        }
        let t = { (key: String) in gateway.renderer.text(key, context) }
        let label = gateway.renderer.labels(context)
        data["offer"] = [
            "id": offer.id, "vacancy": offer.vacancyID, "title": offer.title, "region": offer.regionName,
            "deadline": DateText.format(offer.deadline), "state": t("offer_state_\(offer.state)"),
            "open": offer.isOpen, "under_review": offer.state == "under_review", "choice_rank": offer.choiceRank, "run_date": offer.runDate,
            "service_years": offer.serviceYears.map(String.init) ?? "",
            "has_incentives": !offer.incentives.isEmpty,
            "incentives": offer.incentives.map { ["label": label(IncentiveKindCode.self, $0.kind), "amount": $0.amountYuan.map { "¥\($0)" } ?? "", "note": $0.note] },
        ] as [String: Any]
        data["review_available"] = true
        if let link = try await CoupleOfferStore(database: gateway.database).link(offerID: offer.id, candidateID: id) {
            data["couple"] = LinkedOfferAnswer.templateData(link, state: t("offer_state_\(link.partnerState)"))
            try await addCoupleNight(offer.id, id, &data, context)
        }
        if let review = try await CandidateOfferStore(database: gateway.database).newestReview(offerID: offer.id, candidateID: id) {
            data["review_filed"] = review.open
            if let decision = review.decision {
                data["review_decision"] = t("review_decision_\(decision)")
                data["review_decision_reason"] = review.decisionReason ?? ""
            }
        }
        var text = ReasonText(renderer: gateway.renderer, context: context)
        let refusals = StoredOfferExplanation(json: offer.explanationJSON)?.rankedAbove.flatMap { above -> [IneligibilityReason] in
            if case .notEligible(let reasons) = above.reason { return reasons }
            return []
        } ?? []
        text.specialtyNames = try await ReasonText.specialtyNames(for: refusals, lookup: ReferenceLookup(database: gateway.database))
        data["explanation"] = text.explanation(json: offer.explanationJSON, titles: offer.titles)
        return gateway.renderer.page("offer", titleKey: "offer_title", data: data, context: context, request: request, status: status)
    }

    /// Every offer the candidate was made and every change to it (docs/offers.md).
    private func addHistory(_ id: Int64, _ data: inout [String: Any], _ context: GatewayRequestContext) async throws {
        let entries = try await CandidateOfferHistory(database: gateway.database).entries(candidateID: id)
        data["history"] = entries.map { entry -> [String: Any] in
            [
                "vacancy": entry.vacancyID, "title": entry.title, "night": entry.night,
                "moves": entry.moves.map { move -> [String: String] in
                    // The system's own notes are English; the page words a move by its state (and a
                    // withdrawal by its cause), and quotes only the candidate's own decline reason.
                    var state = gateway.renderer.text("offer_state_\(move.to)", context)
                    if move.to == "withdrawn", let cause = entry.withdrawalCause {
                        state += gateway.renderer.text("colon", context) + gateway.renderer.text("withdrawal_cause_\(cause)", context)
                    }
                    return ["at": DateText.format(move.at), "state": state, "reason": move.to == "declined" ? move.reason : ""]
                },
            ]
        }
        data["has_history"] = !entries.isEmpty
    }

    /// Why each pair the couple ranked above theirs was not possible, for both partners' posts.
    private func addCoupleNight(_ offer: Int64, _ id: Int64, _ data: inout [String: Any], _ context: GatewayRequestContext) async throws {
        guard let couple = try await CoupleNightStore(database: gateway.database).explain(offerID: offer, candidateID: id) else { return }
        var reasons = ReasonText(renderer: gateway.renderer, context: context)
        let refusals = couple.higherPairs.flatMap { [$0.first.post, $0.second.post] }.compactMap { $0 }.flatMap { post -> [IneligibilityReason] in
            if case .notEligible(let rules) = post.verdict { return rules }
            return []
        }
        reasons.specialtyNames = try await ReasonText.specialtyNames(for: refusals, lookup: ReferenceLookup(database: gateway.database))
        let night = NightText(reasons: reasons, renderer: gateway.renderer, context: context)
        data["couple_night"] = CoupleNightText(night: night, reasons: reasons, renderer: gateway.renderer, context: context).data(couple)
    }

}
