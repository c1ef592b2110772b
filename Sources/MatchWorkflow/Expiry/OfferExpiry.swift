import Foundation
import MatchStore

/// Expires pending offers whose deadline has passed, freeing their seats for the next night:
/// what the timer runs before each night, and `talentmatch offers expire` by hand.
public struct OfferExpiry: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// How many offers expired.
    public func run(asOf instant: Date = Date(), actor: String = "timer") async throws -> Int {
        try await OfferStore(database: database).expire(asOf: instant, actor: actor)
    }
}
