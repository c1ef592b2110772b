import OpenAPIRuntime

// TEMPORARY: human review (PIPL Art. 24) needs the review_requests table and ReviewStore
// from the vacancies branch (migration 0014). Until that is merged these two operations
// answer 501; they are routed and authenticated, and not done.
extension TalentMatchAPI {
    func listReviewRequests(_ input: Operations.ListReviewRequests.Input) async throws -> Operations.ListReviewRequests.Output {
        let principal = try RequestInfo.principal()
        try Access.requireOffice(principal)
        try Access.require(.reviewsRead, of: principal)
        throw Problem(.notImplemented, "listing review requests is not implemented yet")
    }

    func decideReviewRequest(_ input: Operations.DecideReviewRequest.Input) async throws -> Operations.DecideReviewRequest.Output {
        let principal = try RequestInfo.principal()
        try Access.requireOffice(principal)
        try Access.require(.reviewsDecide, of: principal)
        throw Problem(.notImplemented, "deciding review requests is not implemented yet")
    }
}
