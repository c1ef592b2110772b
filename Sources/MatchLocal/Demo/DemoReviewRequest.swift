import MatchStore

/// The demo's review request: one candidate asks the office to review an offer (PIPL Art. 24),
/// so that the README's review examples (`GET /reviews?status=open`, a decision on review 1)
/// have something to work on. Filed once: a demo run again finds it and changes nothing.
public enum DemoReviewRequest {
    public static let reason = "请人工复核：我的专业与第一志愿岗位对口，为何分配到这个岗位？"

    /// The office's first review request, filed against `offer` when the office has none yet.
    public static func ensure(about offer: OfferListing, in database: Database) async throws -> (request: ReviewRequest, filed: Bool)? {
        guard let office = try await OfficeRecord.find(code: DemoDataset.officeCode, in: database) else { return nil }
        let store = ReviewStore(database: database)
        if let existing = try await store.list(officeID: office.id, limit: 1).items.first {
            return (existing, false)
        }
        let request = try await store.file(
            candidateID: offer.candidateID, offerID: offer.offerID, reason: reason,
            context: AuditContext(actor: "demo", source: "demo")
        )
        return (request, true)
    }
}
