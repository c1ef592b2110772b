import Foundation
import MatchLocal
@testable import MatchStore
import PostgresNIO

/// The demo market's candidates with gateway accounts (both consents given by the seed), and
/// its posts by external id: enough people and posts for couples.
enum CoupleFixture {
    /// demo1 李明远 (master, 082802), demo2 王晓雪 (bachelor, 082802), demo3 张建国, demo4 陈思远.
    static func load(_ database: Database) async throws -> [Int64] {
        _ = try await DemoDataset(database: database).load(.bazhong)
        var ids: [Int64] = []
        for number in 1...4 {
            let contact = "demo\(number)@example.cn"
            _ = try await CandidateAccountStore(database: database).ensureAccount(contact: contact, passwordHash: passwordHash)
            ids.append(try await id("SELECT id FROM candidates WHERE contact = '\(contact)'", database))
        }
        return ids
    }

    /// A well-formed bcrypt string (nobody signs in here).
    static let passwordHash = "$2b$12$" + String(repeating: "a", count: 53)

    static func post(_ externalID: String, _ database: Database) async throws -> Int64 {
        try await id("SELECT id FROM vacancies WHERE external_id = '\(externalID)'", database)
    }

    static func id(_ sql: String, _ database: Database) async throws -> Int64 {
        for try await value in try await database.query(PostgresQuery(unsafeSQL: sql)).decode(Int64.self) { return value }
        return -1
    }

    static func count(_ sql: String, _ database: Database) async throws -> Int {
        Int(try await id(sql, database))
    }

    static func execute(_ sql: String, _ database: Database) async throws {
        try await database.query(PostgresQuery(unsafeSQL: sql))
    }

    /// What a night's freeze writes (migration 0031), with the commitment of 32 zero bytes.
    static func freeze(_ database: Database) async throws {
        try await execute("INSERT INTO market_freezes (market_id, night, commitment) VALUES (sole_market(), current_date, '66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925')",
                          database)
    }

    static func release(_ database: Database) async throws {
        try await execute("UPDATE market_freezes SET released_at = now(), secret = repeat('0', 64) WHERE released_at IS NULL", database)
    }

    /// A confirmed couple of `inviter` and `invitee`.
    static func couple(_ inviter: Int64, _ invitee: Int64, contact: String, _ database: Database) async throws -> Int64 {
        let store = CoupleStore(database: database)
        guard case .done(let id) = try await store.invite(candidateID: inviter, contact: contact, source: "test") else { return -1 }
        _ = try await store.confirm(coupleID: id, candidateID: invitee, source: "test")
        return id
    }
}
