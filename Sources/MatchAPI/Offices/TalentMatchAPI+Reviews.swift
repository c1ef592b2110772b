import MatchStore
import OpenAPIRuntime

/// Human review (PIPL Art. 24): an office lists the requests candidates filed against offers
/// in its region and below, and records each decision with its reason (audited, final).
extension TalentMatchAPI {
    func listReviewRequests(_ input: Operations.ListReviewRequests.Input) async throws -> Operations.ListReviewRequests.Output {
        let principal = try RequestInfo.principal()
        try Access.requireOffice(principal)
        try Access.require(.reviewsRead, of: principal)
        guard case .office(let officeID, _, _) = principal.organisation else { throw Problem(.forbidden, "an office operation") }
        let limit = try PageCursor.limit(input.query.limit)
        return try await VacancyProblems.mapping {
            let page = try await ReviewStore(database: scopedDatabase(principal)).list(
                officeID: officeID, status: input.query.status.flatMap { ReviewRequest.Status(rawValue: $0.rawValue) },
                cursor: input.query.cursor, limit: limit)
            return .ok(.init(body: .json(.init(items: try page.items.map(Self.review), next: page.nextCursor))))
        }
    }

    func decideReviewRequest(_ input: Operations.DecideReviewRequest.Input) async throws -> Operations.DecideReviewRequest.Output {
        let principal = try RequestInfo.principal()
        try Access.requireOffice(principal)
        try Access.require(.reviewsDecide, of: principal)
        guard case .office(let officeID, _, _) = principal.organisation else { throw Problem(.forbidden, "an office operation") }
        guard case .json(let body) = input.body else { throw Problem(.unsupportedMediaType, "send the decision as application/json") }
        let decision = ReviewRequest.Decision(rawValue: body.decision.rawValue) ?? .upheld
        return try await VacancyProblems.mapping {
            let request = try await ReviewStore(database: scopedDatabase(principal)).decide(
                requestID: input.path.reviewId, officeID: officeID, decision: decision, reason: body.reason,
                context: AuditContext(actor: principal.actor, source: RequestInfo.current.remoteAddress))
            return .ok(.init(body: .json(try Self.review(request))))
        }
    }

    static func review(_ request: ReviewRequest) throws -> Components.Schemas.ReviewRequest {
        .init(
            id: request.id, offerId: request.offerID, vacancyId: request.vacancyID, candidateName: request.candidateName,
            reason: request.reason, filedAt: request.filedAt,
            status: try enumeration(request.status.rawValue), decision: try request.decision.map { try enumeration($0.rawValue) },
            decisionReason: request.decisionReason, decidedBy: request.decidedBy, decidedAt: request.decidedAt
        )
    }

    private static func enumeration<Value: RawRepresentable>(_ raw: String) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: raw) else { throw Problem(.internalError, "'\(raw)' is not in the contract") }
        return value
    }
}
