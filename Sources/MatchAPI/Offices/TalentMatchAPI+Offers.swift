import MatchStore
import OpenAPIRuntime

/// An office withdraws offers on posts in its region and below, with a reason the candidates
/// are told (docs/offers.md). The store checks the office's regions itself, and row-level
/// security checks them again underneath.
extension TalentMatchAPI {
    func withdrawOffers(_ input: Operations.WithdrawOffers.Input) async throws -> Operations.WithdrawOffers.Output {
        let principal = try RequestInfo.principal()
        let office = try Self.reviewingOffice(principal, needs: .reviewsDecide)
        guard case .json(let body) = input.body else { throw Problem(.unsupportedMediaType, "send the withdrawal as application/json") }
        let withdrawn = try await OfferWithdrawals(database: scopedDatabase(principal)).withdraw(
            offerIDs: Set(body.offers), officeID: office, reason: body.reason,
            context: AuditContext(actor: principal.actor, source: RequestInfo.current.remoteAddress)
        )
        return .ok(.init(body: .json(.init(withdrawn: withdrawn))))
    }
}
