import Foundation
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

@Suite("Vacancy listings")
struct VacancyListingTests {
    @Test("keyset pages cover every post exactly once, even while posts are being added")
    func pagingStableUnderInserts() async throws {
        try await withTestDatabase { (database) async throws in
            let centre = try await VacancyFixture.emptyCentre("PAGE-CENTRE", database)
            let store = VacancyStore(database: database)
            for index in 1...12 {
                _ = try await store.create(VacancyFixture.draft(String(format: "P-%03d", index)), centreID: centre, context: VacancyFixture.context)
            }
            var seen: [String] = []
            var cursor: String? = nil
            var added = 12
            repeat {
                let page = try await store.list(centreID: centre, cursor: cursor, limit: 5)
                seen.append(contentsOf: page.items.map(\.externalID))
                cursor = page.nextCursor
                if cursor != nil {
                    added += 1
                    _ = try await store.create(VacancyFixture.draft(String(format: "P-%03d", added)), centreID: centre, context: VacancyFixture.context)
                }
            } while cursor != nil
            #expect(added == 14)
            #expect(seen == (1...added).map { String(format: "P-%03d", $0) }, "no post repeated or skipped; new posts come last")
        }
    }

    @Test("fill status counts pending and accepted offers against seats, and filters by status")
    func fillStatus() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            guard case .committed(let runID, _) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            let offer = try #require(try await OfferListing.forRun(runID, in: database).first)
            #expect(try await OfferStore(database: database).accept(offerID: offer.offerID, candidateID: offer.candidateID, actor: "c") == .done)
            let centre = try await VacancyFixture.centreID(offer.vacancyTitle.hasPrefix("通江") ? "TJ-CENTRE" : "BZ-CENTRE", database)
            let store = VacancyStore(database: database)
            let items = try await store.list(centreID: centre, status: .open, limit: 100).items
            let row = try #require(items.first { $0.id == offer.vacancyID })
            let pending = try await VacancyFixture.count(
                "SELECT count(*) FROM offers WHERE vacancy_id = \(offer.vacancyID) AND state = 'pending'", database)
            #expect(row.accepted == 1)
            #expect(row.pending == pending)
            #expect(row.unfilled == row.seats - 1 - pending)
            #expect(try await store.list(centreID: centre, status: .draft, limit: 100).items.isEmpty)
            await #expect(throws: VacancyStoreError.invalidCursor) { try await store.list(centreID: centre, cursor: "not-a-cursor") }
        }
    }

    @Test("the offers on a post list the candidate, state and deadline, one page at a time")
    func offersOnPost() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            guard case .committed(let runID, _) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            let listing = try await OfferListing.forRun(runID, in: database)
            let busiest = Dictionary(grouping: listing, by: \.vacancyID).max { $0.value.count < $1.value.count }!
            let centre = try await VacancyFixture.centreID(busiest.value[0].vacancyTitle.hasPrefix("通江") ? "TJ-CENTRE" : "BZ-CENTRE", database)
            let store = VacancyStore(database: database)
            var offers: [VacancyOffer] = []
            var cursor: String? = nil
            repeat {
                let page = try await store.offers(vacancyID: busiest.key, centreID: centre, cursor: cursor, limit: 1)
                #expect(page.items.count <= 1)
                offers.append(contentsOf: page.items)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(offers.map(\.offerID) == busiest.value.map(\.offerID).sorted())
            #expect(Set(offers.map(\.candidateName)) == Set(busiest.value.map(\.candidateName)))
            #expect(offers.allSatisfy { $0.state == "pending" && $0.deadline > Date() })
        }
    }
}
