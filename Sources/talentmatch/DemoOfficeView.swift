import Foundation
import MatchCore
import MatchStore

/// What one office of the demo market sees of tonight's run, read as the API reads it: through
/// row-level security scoped to the office (ADR 0016), so its part of the summary, its floors,
/// the offers on its posts and its posts left out, and nothing of the other office's.
struct DemoOfficeView {
    /// A pool whose transactions run as the API's role, not the trusted batch role.
    let database: Database
    let officeCode: String

    /// Prints the office's view; returns the offer it explained, if any.
    @discardableResult
    func print(runID: Int64) async throws -> OfferListing? {
        guard let office = try await OfficeRecord.find(code: officeCode, in: database) else { return nil }
        let scoped = database.scoped(.office(id: office.id), actor: "demo")
        Console.say("   — what office \(officeCode) sees of run \(runID) (its own scope, as through the API):")
        guard let detail = try await RunReports(database: scoped).detail(runID: runID, officeID: office.id) else {
            Console.say("     the run is not visible to \(officeCode)")
            return nil
        }
        Console.say("     policy v\(detail.run.policyVersion.map(String.init) ?? "–"), lottery sha256:\(detail.run.seedCommitment?.prefix(16) ?? "–")…")
        detail.summary.lines.filter { !$0.hasPrefix("timings") }.forEach { Console.say("     " + $0) }
        for left in detail.exclusions { Console.say("     left out: \(left.externalID) \(left.title): \(left.reason) — \(left.detail)") }
        let offers = try await OfferListing.forRun(runID, in: scoped)
        Console.say("     \(offers.count) offers on its posts:")
        for offer in offers {
            let score = offer.score.map { String(format: "%.1f", $0) } ?? "-"
            Console.say("       \(offer.vacancyTitle)  ←  \(offer.candidateName) (choice #\(offer.choiceRank), score \(score), \(offer.state))")
        }
        let example = offers.first(where: { $0.choiceRank > 1 }) ?? offers.first
        if let example { try await printExplanation(of: example, scoped) }
        return example
    }

    private func printExplanation(of offer: OfferListing, _ database: Database) async throws {
        guard let (stored, titles) = try await OfferListing.explanation(offerID: offer.offerID, in: database) else { return }
        Console.say("     why \(offer.candidateName) got \(offer.vacancyTitle) (stored with the offer):")
        if case .score(let score) = stored.score {
            Console.say("       score \(String(format: "%.1f", score)) under \(stored.policy ?? "the office's policy"), choice #\(stored.choice ?? offer.choiceRank)")
        }
        for part in stored.breakdown where part.weight > 0 {
            Console.say("         \(part.feature.rawValue): \(part.raw) × \(part.weight) = \(part.contribution)")
        }
        for above in stored.rankedAbove {
            // English words from the engine; the gateway renders the same codes in the reader's language.
            let scoredBy = above.policy.map { " (scored under \($0))" } ?? ""
            Console.say("       ranked higher: \(titles["v\(above.vacancyID)"] ?? "?") — \(above.reason)\(scoredBy)")
        }
    }
}
