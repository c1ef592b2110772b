import MatchStore
import OpenAPIRuntime

/// Human review of automated decisions (PIPL Art. 24): an office lists the requests filed
/// against offers on posts in its region and below, and decides each with a reason. The
/// store records the decision and its audit row in one transaction.
extension TalentMatchAPI {
    func listReviewRequests(_ input: Operations.ListReviewRequests.Input) async throws -> Operations.ListReviewRequests.Output {
        let principal = try RequestInfo.principal()
        let office = try Self.reviewingOffice(principal, needs: .reviewsRead)
        let limit = try PageCursor.limit(input.query.limit)
        let status = input.query.status.flatMap { ReviewRequest.Status(rawValue: $0.rawValue) }
        let page = try await ReviewStore(database: scopedDatabase(principal))
            .list(officeID: office, status: status, cursor: input.query.cursor, limit: limit)
        return .ok(.init(body: .json(.init(items: page.items.map(Self.document), next: page.nextCursor))))
    }

    func decideReviewRequest(_ input: Operations.DecideReviewRequest.Input) async throws -> Operations.DecideReviewRequest.Output {
        let principal = try RequestInfo.principal()
        let office = try Self.reviewingOffice(principal, needs: .reviewsDecide)
        guard case .json(let body) = input.body else { throw Problem(.unsupportedMediaType, "send the decision as application/json") }
        let decision = ReviewRequest.Decision(rawValue: body.decision.rawValue) ?? .upheld
        let decided = try await ReviewStore(database: scopedDatabase(principal)).decide(
            requestID: input.path.reviewId, officeID: office, decision: decision, reason: body.reason,
            context: AuditContext(actor: principal.actor, source: RequestInfo.current.remoteAddress)
        )
        return .ok(.init(body: .json(Self.document(decided))))
    }

    static func reviewingOffice(_ principal: Principal, needs permission: Permission) throws -> Int64 {
        guard case .office(let id, _, _) = principal.organisation else {
            throw Problem(.forbidden, "review requests are decided by offices; a centre token may not call this")
        }
        try Access.require(permission, of: principal)
        return id
    }

    static func document(_ request: ReviewRequest) -> Components.Schemas.ReviewRequest {
        .init(
            id: request.id, offerId: request.offerID, vacancyId: request.vacancyID, candidateName: request.candidateName,
            reason: request.reason, filedAt: request.filedAt,
            status: request.status == .open ? .open : .decided,
            decision: request.decision.flatMap { Components.Schemas.ReviewRequest.DecisionPayload(rawValue: $0.rawValue) },
            offerState: Components.Schemas.ReviewRequest.OfferStatePayload(rawValue: request.offerState),
            decisionReason: request.decisionReason, decidedBy: request.decidedBy, decidedAt: request.decidedAt
        )
    }
}
