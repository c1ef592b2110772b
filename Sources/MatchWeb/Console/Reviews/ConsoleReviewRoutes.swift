import Foundation
import Hummingbird
import MatchCore
import MatchStore

/// The review queue (PIPL Art. 24): an office's open requests, oldest first, and the decided
/// ones on a filter; each request beside the candidate's offer explanation, worded as the
/// candidate's own offer page words it (`ReasonText`); and for a reviewer the decision with its
/// required reason. The decision goes through `ReviewStore.decide`, as the API's does, so a
/// couple's linked offer behaves exactly as there (ADR 0049). Staff without `reviews:read`,
/// and a centre's editor, find nothing here (404); an analyst reads but cannot decide (404).
struct ConsoleReviewRoutes {
    let console: StaffConsole

    static let pageSize = 50
    /// The decisions a reviewer may record now (`changed` is history only).
    static let decisions: [ReviewRequest.Decision] = [.upheld, .reinstated, .withdrawn]

    func register(on router: RouterGroup<GatewayRequestContext>) {
        router.get("reviews") { request, context in try await list(request, context) }
        router.get("reviews/:id") { request, context in try await show(request, context) }
        router.post("reviews/:id") { request, context in try await decide(request, context) }
    }

    private func reader(_ request: Request, _ context: GatewayRequestContext) throws -> StaffIdentity {
        let staff = try console.requireStaff(request, context)
        guard staff.may(.reviewsRead), staff.centreID == nil else { throw HTTPError(.notFound) }
        return staff
    }

    private func store(_ staff: StaffIdentity) -> ReviewStore { ReviewStore(database: console.database(for: staff)) }

    private func list(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try reader(request, context)
        let query = request.uri.queryParameters
        let shown = query["status"].map(String.init) ?? "open"
        let status: ReviewRequest.Status? = shown == "all" ? nil : ReviewRequest.Status(rawValue: shown) ?? .open
        let page: KeysetPage<ReviewRequest>
        do {
            page = try await store(staff).list(officeID: staff.officeID, status: status, cursor: query["after"].map(String.init),
                                               limit: Self.pageSize)
        } catch ReviewStoreError.invalidCursor {
            return .seeOther("/console/reviews")
        }
        let t = { (key: String) in console.renderer.text(key, context) }
        let rows: [[String: Any]] = page.items.map { item in
            ["id": item.id, "candidate": item.candidateName, "post": item.vacancyTitle, "filed": ConsolePolicyRoutes.time(item.filedAt),
             "status": t("console_review_status_" + item.status.rawValue),
             "decision": item.decision.map { t("console_review_decision_" + $0.rawValue) } ?? ""]
        }
        let filter = status?.rawValue ?? "all"
        let data: [String: Any] = [
            "requests": rows, "has_requests": !rows.isEmpty,
            "statuses": ["open", "decided", "all"].map { ["value": $0, "label": t("console_review_filter_" + $0), "selected": $0 == filter] },
            "next": page.nextCursor.map { "/console/reviews?status=\(filter)&after=\($0)" } ?? "",
        ]
        return console.renderer.consolePage("console_reviews", titleKey: "console_review_title", data: data, context: context, request: request)
    }

    private func requestID(_ context: GatewayRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id").flatMap({ Int64($0) }) else { throw HTTPError(.notFound) }
        return id
    }

    private func show(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try reader(request, context)
        return try await page(try requestID(context), staff, FormState(), request, context)
    }

    private func decide(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let staff = try reader(request, context)
        guard staff.may(.reviewsDecide) else { throw HTTPError(.notFound) }
        let id = try requestID(context)
        let t = { (key: String) in console.renderer.text(key, context) }
        var form = FormState(values: ["decision": context.form["decision"], "reason": context.form["reason"]])
        guard let decision = ReviewRequest.Decision(rawValue: context.form["decision"]), Self.decisions.contains(decision) else {
            form.fail("decision", t("console_review_error_decision"))
            if context.form["reason"].trimmingCharacters(in: .whitespacesAndNewlines).count < 4 { form.fail("reason", t("console_review_error_reason")) }
            return try await page(id, staff, form, request, context, status: .unprocessableContent)
        }
        do {
            _ = try await store(staff).decide(requestID: id, officeID: staff.officeID, decision: decision, reason: context.form["reason"],
                                              context: AuditContext(actor: staff.actor, source: console.gateway.source(request, context)))
        } catch ReviewStoreError.notFound {
            throw HTTPError(.notFound)
        } catch ReviewStoreError.invalid(let problems) {
            for problem in problems {
                let field = problem.pointer == "/reason" ? "reason" : "decision"
                form.fail(field, t(field == "reason" ? "console_review_error_reason" : "console_review_error_decision"))
            }
            return try await page(id, staff, form, request, context, status: .unprocessableContent)
        } catch ReviewStoreError.notApplicable {
            form.fail("decision", t("console_review_error_not_applicable"))
            return try await page(id, staff, form, request, context, status: .unprocessableContent)
        } catch ReviewStoreError.partnerNotReinstatable {
            form.fail("decision", t("console_review_error_partner"))
            return try await page(id, staff, form, request, context, status: .unprocessableContent)
        } catch ReviewStoreError.alreadyDecided {
            return .seeOther("/console/reviews/\(id)")
        }
        return .seeOther("/console/reviews/\(id)")
    }

    private func page(_ id: Int64, _ staff: StaffIdentity, _ form: FormState, _ request: Request, _ context: GatewayRequestContext,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let item: ReviewRequest
        do {
            item = try await store(staff).get(requestID: id, officeID: staff.officeID)
        } catch ReviewStoreError.notFound {
            throw HTTPError(.notFound)
        }
        let database = console.database(for: staff)
        let t = { (key: String) in console.renderer.text(key, context) }
        var data = form.templateData(fields: ["decision", "reason"])
        data["heading"] = console.renderer.text("console_review_request_title", context, ["id": String(id)])
        data["request"] = [
            "id": item.id, "candidate": item.candidateName, "post": item.vacancyTitle, "offer": item.offerID,
            "reason": item.reason, "filed": ConsolePolicyRoutes.time(item.filedAt),
            "offer_state": t("console_review_offer_state_" + item.offerState),
            "status": t("console_review_status_" + item.status.rawValue),
        ] as [String: Any]
        if let decision = item.decision {
            data["decided"] = [
                "decision": t("console_review_decision_" + decision.rawValue), "reason": item.decisionReason ?? "",
                "by": item.decidedBy ?? "", "at": item.decidedAt.map(ConsolePolicyRoutes.time) ?? "",
            ]
        }
        if let link = try await CoupleOfferStore(database: database).reviewLink(offerID: item.offerID) {
            data["couple"] = [
                "partner_offer": link.partnerOfferID, "partner_post": link.partnerPostTitle ?? "",
                "partner_state": link.partnerState.map { t("console_review_offer_state_" + $0) } ?? "",
                "hidden": link.partnerPostTitle == nil,
            ] as [String: Any]
        }
        if let (stored, titles) = try await OfferListing.explanation(offerID: item.offerID, in: database) {
            var text = ReasonText(renderer: console.renderer, context: context)
            let refusals = stored.rankedAbove.flatMap { above -> [IneligibilityReason] in
                if case .notEligible(let reasons) = above.reason { return reasons }
                return []
            }
            text.specialtyNames = try await ReasonText.specialtyNames(for: refusals, lookup: ReferenceLookup(database: console.gateway.database))
            data["explanation"] = text.explanation(stored, titles: titles)
        }
        if item.status == .open, staff.may(.reviewsDecide) {
            let chosen = form.values["decision"] ?? ""
            data["can_decide"] = true
            data["decisions"] = Self.decisions.map { decision -> [String: Any] in
                ["value": decision.rawValue, "label": t("console_review_decision_" + decision.rawValue),
                 "hint": t("console_review_decision_hint_" + decision.rawValue), "checked": decision.rawValue == chosen]
            }
        }
        return console.renderer.consolePage("console_review", titleKey: "console_review_title", data: data, context: context,
                                            request: request, status: status)
    }
}
