import Foundation
import Logging
import PostgresNIO

/// Markets (ADR 0030): which offices' posts candidates rank together, how an office joins
/// another market, and the lottery each market published.
public struct MarketStore: Sendable {
    public struct Market: Sendable, Equatable {
        public let id: Int64
        public let code: String
        public let name: String
        /// Its offices' codes, in code order.
        public let offices: [String]
    }

    /// A market's lottery for one night: the commitment published when rankings froze, and the
    /// secret once revealed with the results (nil while the night runs).
    public struct Lottery: Sendable, Equatable {
        public let night: String
        public let commitment: String
        public let frozenAt: Date
        public let releasedAt: Date?
        public let secret: String?
        public let runID: Int64?

        public var isFrozen: Bool { releasedAt == nil }
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func list() async throws -> [Market] {
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT m.id, m.code, m.name, coalesce(array_agg(o.code ORDER BY o.code) FILTER (WHERE o.code IS NOT NULL), '{}')
                FROM markets m LEFT JOIN offices o ON o.market_id = m.id GROUP BY m.id ORDER BY m.code
                """,
                logger: database.logger
            )
            var result: [Market] = []
            for try await (id, code, name, offices) in rows.decode((Int64, String, String, [String]).self) {
                result.append(Market(id: id, code: code, name: name, offices: offices))
            }
            return result
        }
    }

    /// The market an office belongs to.
    public func market(ofOffice officeID: Int64) async throws -> Market? {
        let markets = try await list()
        let code: String? = try await database.transaction { connection -> String? in
            let rows = try await connection.query(
                "SELECT m.code FROM markets m JOIN offices o ON o.market_id = m.id WHERE o.id = \(officeID)", logger: database.logger
            )
            for try await code in rows.decode(String.self) { return code }
            return nil
        }
        return markets.first { $0.code == code }
    }

    /// Creates an empty market; offices join it with `move`.
    public func create(code: String, name: String, actor: String) async throws {
        try await database.transaction(.attributed(to: actor, reason: "market \(code) created")) { connection in
            try await connection.query("INSERT INTO markets (code, name) VALUES (\(code), \(name))", logger: database.logger)
            try await AuditLog.record(actor: actor, action: "market.create", subject: "market \(code)", on: connection, logger: database.logger)
        }
    }

    /// Moves an office to another market, from its next night on. The database refuses when a
    /// candidate's current ranking would then name posts of two markets, or while either
    /// market's night has rankings frozen.
    public func move(officeCode: String, toMarket marketCode: String, actor: String) async throws -> MarketMoveOutcome {
        try await database.transaction(.attributed(to: actor, reason: "office \(officeCode) moves to market \(marketCode)")) { connection in
            let rows = try await connection.query(
                """
                SELECT (SELECT id FROM offices WHERE code = \(officeCode)), (SELECT id FROM markets WHERE code = \(marketCode)),
                       EXISTS (SELECT 1 FROM market_freezes f JOIN offices o ON o.code = \(officeCode)
                               WHERE f.released_at IS NULL AND f.market_id IN (o.market_id, (SELECT id FROM markets WHERE code = \(marketCode))))
                """,
                logger: database.logger
            )
            var found: (office: Int64?, market: Int64?, frozen: Bool) = (nil, nil, false)
            for try await row in rows.decode((Int64?, Int64?, Bool).self) { found = row }
            guard let office = found.office else { return .unknownOffice }
            guard let market = found.market else { return .unknownMarket }
            guard !found.frozen else { return .frozen }
            // The same question the database's trigger asks (migration 0030), asked first so the
            // answer names the candidate instead of failing the transaction.
            let crossing = try await connection.query(
                """
                SELECT k.candidate_id FROM (SELECT DISTINCT ON (candidate_id) candidate_id, choices FROM rankings
                                            ORDER BY candidate_id, version DESC) k
                WHERE k.choices && (SELECT coalesce(array_agg(v.id), '{}') FROM vacancies v JOIN centres c ON c.id = v.centre_id
                                    WHERE c.office_id = \(office))
                  AND EXISTS (SELECT 1 FROM unnest(k.choices) AS x(id) JOIN vacancies v ON v.id = x.id JOIN centres c ON c.id = v.centre_id
                              JOIN offices o ON o.id = c.office_id WHERE o.id <> \(office) AND o.market_id <> \(market))
                LIMIT 1
                """,
                logger: database.logger
            )
            for try await candidate in crossing.decode(Int64.self) { return .rankingsSpanMarkets(candidateID: candidate) }
            try await connection.query("UPDATE offices SET market_id = \(market) WHERE id = \(office)", logger: database.logger)
            try await AuditLog.record(
                actor: actor, action: "market.move-office", subject: "office \(officeCode)", details: ["market": marketCode],
                on: connection, logger: database.logger
            )
            return .moved
        }
    }

    /// The market's newest lotteries, newest first: what the gateway and the API publish.
    public func lotteries(marketID: Int64, limit: Int = 5) async throws -> [Lottery] {
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT night::text, commitment, frozen_at, released_at, secret, run_id FROM market_freezes
                WHERE market_id = \(marketID) ORDER BY id DESC LIMIT \(limit)
                """,
                logger: database.logger
            )
            var result: [Lottery] = []
            for try await (night, commitment, frozenAt, releasedAt, secret, runID) in rows.decode((String, String, Date, Date?, String?, Int64?).self) {
                result.append(Lottery(night: night, commitment: commitment, frozenAt: frozenAt, releasedAt: releasedAt, secret: secret, runID: runID))
            }
            return result
        }
    }
}

/// How moving an office between markets ended.
public enum MarketMoveOutcome: Sendable, Equatable {
    case moved
    case unknownOffice
    case unknownMarket
    /// A night of either market is running with rankings frozen.
    case frozen
    /// This candidate's current ranking would name posts of two markets.
    case rankingsSpanMarkets(candidateID: Int64)
}
