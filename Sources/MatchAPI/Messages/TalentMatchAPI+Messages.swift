import MatchStore
import OpenAPIRuntime

/// What the outbox could not deliver about an office's offers, reviews and nights (issue 18):
/// read under the office's row-level security, with the office's region as the filter too.
extension TalentMatchAPI {
    func listFailedMessages(_ input: Operations.ListFailedMessages.Input) async throws -> Operations.ListFailedMessages.Output {
        let principal = try RequestInfo.principal()
        guard case .office(let office, _, _) = principal.organisation else {
            throw Problem(.forbidden, "messages are an office's to read; a centre token may not call this")
        }
        try Access.require(.runsRead, of: principal)
        let limit = try PageCursor.limit(input.query.limit)
        let page = try await FailedMessages(database: scopedDatabase(principal))
            .list(officeID: office, cursor: input.query.cursor, limit: limit)
        return .ok(.init(body: .json(.init(items: page.items.map(Self.document), next: page.nextCursor))))
    }

    static func document(_ message: FailedMessage) -> Components.Schemas.FailedMessage {
        .init(
            id: message.id, kind: Components.Schemas.MessageKind(rawValue: message.kind.rawValue) ?? .offerReleased,
            channel: message.channel == .sms ? .sms : .email, attempts: message.attempts, lastError: message.lastError,
            createdAt: message.createdAt, failedAt: message.failedAt, recipientName: message.recipientName,
            address: message.maskedAddress, offerId: message.offerID, reviewId: message.reviewRequestID, runId: message.runID
        )
    }
}
