import Foundation
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

/// The demo night of the lifecycle tests, and the reads they check it with.
enum OfferLifecycleFixture {
    struct Night {
        let runID: Int64
        let offers: [OfferListing]
        let office: Int64
    }

    struct Post {
        let id: Int64
        let centreID: Int64
    }

    /// The demo market's night, a day ago (so that a second night can follow today).
    static func night(_ database: Database) async throws -> Night {
        try await NightlyFixture.prepare(database)
        let runID = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(database, date: NightlyFixture.night(daysAgo: 1))))
        let offers = try await OfferListing.forRun(runID, in: database).sorted { $0.offerID < $1.offerID }
        try #require(offers.count >= 4)
        let office = Int64(try await count("SELECT id FROM offices WHERE code = 'BZ-HR'", database))
        return Night(runID: runID, offers: offers, office: office)
    }

    static func post(_ externalID: String, _ database: Database) async throws -> Post {
        let id = Int64(try await count("SELECT id FROM vacancies WHERE external_id = '\(externalID)'", database))
        let centre = Int64(try await count("SELECT centre_id FROM vacancies WHERE external_id = '\(externalID)'", database))
        return Post(id: id, centreID: centre)
    }

    static func count(_ sql: String, _ database: Database) async throws -> Int {
        try await NightlyFixture.count(sql, database)
    }

    static func text(_ sql: String, _ database: Database) async throws -> String? {
        let rows = try await database.client.query(PostgresQuery(unsafeSQL: sql))
        for try await value in rows.decode(String?.self) { return value }
        return nil
    }

    static func state(_ offerID: Int64, _ database: Database) async throws -> String? {
        try await text("SELECT state FROM offers WHERE id = \(offerID)", database)
    }

    /// The offer's moves after its release, as `from→to by actor: reason`.
    static func transitions(_ offerID: Int64, _ database: Database) async throws -> [String] {
        let rows = try await database.client.query(PostgresQuery(unsafeSQL: """
            SELECT from_state || '→' || to_state || ' by ' || actor || ': ' || reason FROM offer_transitions
            WHERE offer_id = \(offerID) AND from_state IS NOT NULL ORDER BY id
            """))
        var result: [String] = []
        for try await line in rows.decode(String.self) { result.append(line) }
        return result
    }

    /// Each offer's candidate got one `kind` message per channel they have.
    static func expectTold(_ kind: String, _ offers: [Int64], _ database: Database, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let ids = offers.map(String.init).joined(separator: ",")
        let channels = try await count(
            "SELECT coalesce(sum(cardinality(c.message_channels)), 0)::int FROM offers o JOIN candidates c ON c.id = o.candidate_id WHERE o.id IN (\(ids))",
            database)
        let told = try await count(
            "SELECT count(*)::int FROM outbox_messages WHERE kind = '\(kind)' AND subject_id IN (\(ids))", database)
        #expect(channels > 0, "the demo's candidates have a verified contact", sourceLocation: sourceLocation)
        #expect(told == channels, "\(kind) for offers \(ids)", sourceLocation: sourceLocation)
    }
}
