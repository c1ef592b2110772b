import Foundation
import Logging
import PostgresNIO

/// Creates and lists regional offices (`offices`). The command line creates any office; in the
/// console a province office creates the offices in the regions below its own (`within`).
public struct OfficeStore: Sendable {
    /// One office as `office list` and the console show it.
    public struct Listing: Sendable, Equatable {
        public let id: Int64
        public let code: String
        public let name: String
        public let regionCode: String
        public let regionName: String
        public let market: String
        public let status: String
        public let centres: Int
        public let staff: Int
    }

    /// What a new office is.
    public struct Draft: Sendable {
        public var code: String
        public var name: String
        public var regionCode: String
        /// The market whose nights match its posts; nil: the deployment's only market.
        public var marketCode: String?

        public init(code: String, name: String, regionCode: String, marketCode: String? = nil) {
            self.code = code
            self.name = name
            self.regionCode = regionCode
            self.marketCode = marketCode
        }
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Creates the office and records it in the audit log. With `within`, the new office's
    /// region must lie strictly below that office's region.
    @discardableResult
    public func create(_ draft: Draft, within parent: OfficeRecord? = nil, actor: String, source: String = "cli") async throws -> Int64 {
        let code = draft.code.trimmingCharacters(in: .whitespaces), name = draft.name.trimmingCharacters(in: .whitespaces)
        guard OrganisationCode.isValid(code) else { throw OrganisationError.invalidCode(field: "code", value: code) }
        guard OrganisationCode.isValidName(name) else { throw OrganisationError.invalidName(value: name) }
        let logger = database.logger
        return try await database.transaction(.attributed(to: actor, reason: "office \(code) created")) { connection in
            let region = try await RegionLookup.prefix(of: draft.regionCode, on: connection, logger: logger)
            if let parent, !(region.hasPrefix(parent.regionPrefix) && draft.regionCode != parent.regionCode) {
                throw OrganisationError.regionOutside(region: draft.regionCode, officeCode: parent.code)
            }
            if try await RegionLookup.exists("SELECT 1 FROM offices WHERE code = \(code)", on: connection, logger: logger) {
                throw OrganisationError.codeTaken(field: "code", value: code)
            }
            let market = try await Self.marketID(draft.marketCode, on: connection, logger: logger)
            let rows = try await connection.query(
                """
                INSERT INTO offices (code, name, region_code, market_id)
                VALUES (\(code), \(name), \(draft.regionCode), \(market)) RETURNING id
                """,
                logger: logger
            )
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            try await AuditLog.record(
                actor: actor, action: "office.create", subject: "office \(code)",
                details: ["name": name, "region": draft.regionCode, "market": draft.marketCode ?? ""],
                source: source, on: connection, logger: logger
            )
            return id
        }
    }

    /// Every office, or those in the region of `within` and below it, in code order.
    public func list(within prefix: String? = nil) async throws -> [Listing] {
        let pattern = (prefix ?? "") + "%"
        // In a transaction, which is where a scoped database sets its scope (ADR 0016).
        return try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT o.id, o.code, o.name, o.region_code, r.name, m.code, o.status,
                       (SELECT count(*) FROM centres c WHERE c.office_id = o.id)::int8,
                       (SELECT count(*) FROM staff_accounts s WHERE s.office_id = o.id)::int8
                FROM offices o JOIN regions r ON r.code = o.region_code JOIN markets m ON m.id = o.market_id
                WHERE o.region_code LIKE \(pattern)
                ORDER BY o.code
                """,
                logger: database.logger
            )
            var result: [Listing] = []
            for try await (id, code, name, region, regionName, market, status, centres, staff)
                in rows.decode((Int64, String, String, String, String, String, String, Int64, Int64).self) {
                result.append(Listing(id: id, code: code, name: name, regionCode: region, regionName: regionName, market: market,
                                      status: status, centres: Int(centres), staff: Int(staff)))
            }
            return result
        }
    }

    private static func marketID(_ code: String?, on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        let query: PostgresQuery = if let code { "SELECT id FROM markets WHERE code = \(code)" } else {
            "SELECT sole_market() WHERE sole_market() IS NOT NULL"
        }
        let rows = try await connection.query(query, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw code.map(OrganisationError.unknownMarket) ?? OrganisationError.marketRequired
    }
}
