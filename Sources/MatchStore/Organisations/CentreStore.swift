import Foundation
import Logging
import PostgresNIO

/// Creates and lists talent exchange centres (`centres`). A centre belongs to one office and
/// lies in its office's region or below it, where it posts vacancies (Schema/0020).
public struct CentreStore: Sendable {
    /// One centre as `centre list` and the console show it.
    public struct Listing: Sendable, Equatable {
        public let id: Int64
        public let code: String
        public let name: String
        public let officeCode: String
        public let regionCode: String
        public let regionName: String
        public let status: String
        public let openVacancies: Int
    }

    /// What a new centre is.
    public struct Draft: Sendable {
        public var officeCode: String
        public var code: String
        public var name: String
        public var regionCode: String

        public init(officeCode: String, code: String, name: String, regionCode: String) {
            self.officeCode = officeCode
            self.code = code
            self.name = name
            self.regionCode = regionCode
        }
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    @discardableResult
    public func create(_ draft: Draft, actor: String, source: String = "cli") async throws -> Int64 {
        let code = draft.code.trimmingCharacters(in: .whitespaces), name = draft.name.trimmingCharacters(in: .whitespaces)
        guard OrganisationCode.isValid(code) else { throw OrganisationError.invalidCode(field: "code", value: code) }
        guard OrganisationCode.isValidName(name) else { throw OrganisationError.invalidName(value: name) }
        let logger = database.logger
        return try await database.transaction(.attributed(to: actor, reason: "centre \(code) created")) { connection in
            let officeRows = try await connection.query(
                "SELECT o.id, r.prefix FROM offices o JOIN regions r ON r.code = o.region_code WHERE o.code = \(draft.officeCode)",
                logger: logger
            )
            var office: (id: Int64, prefix: String)?
            for try await row in officeRows.decode((Int64, String).self) { office = row }
            guard let office else { throw OrganisationError.unknownOffice(draft.officeCode) }
            let prefix = try await RegionLookup.prefix(of: draft.regionCode, on: connection, logger: logger)
            guard prefix.hasPrefix(office.prefix) else {
                throw OrganisationError.regionOutside(region: draft.regionCode, officeCode: draft.officeCode)
            }
            if try await RegionLookup.exists("SELECT 1 FROM centres WHERE code = \(code)", on: connection, logger: logger) {
                throw OrganisationError.codeTaken(field: "code", value: code)
            }
            let rows = try await connection.query(
                "INSERT INTO centres (office_id, code, name, region_code) VALUES (\(office.id), \(code), \(name), \(draft.regionCode)) RETURNING id",
                logger: logger
            )
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            try await AuditLog.record(
                actor: actor, action: "centre.create", subject: "centre \(code)",
                details: ["name": name, "region": draft.regionCode, "office": draft.officeCode],
                source: source, on: connection, logger: logger
            )
            return id
        }
    }

    /// Every centre, or one office's, in code order.
    public func list(officeCode: String? = nil) async throws -> [Listing] {
        // In a transaction, which is where a scoped database sets its scope (ADR 0016).
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT c.id, c.code, c.name, o.code, c.region_code, r.name, c.status,
                       (SELECT count(*) FROM vacancies v WHERE v.centre_id = c.id AND v.status = 'open')::int8
                FROM centres c JOIN offices o ON o.id = c.office_id JOIN regions r ON r.code = c.region_code
                WHERE \(officeCode)::text IS NULL OR o.code = \(officeCode)
                ORDER BY o.code, c.code
                """,
                logger: database.logger
            )
            var result: [Listing] = []
            for try await (id, code, name, office, region, regionName, status, open)
                in rows.decode((Int64, String, String, String, String, String, String, Int64).self) {
                result.append(Listing(id: id, code: code, name: name, officeCode: office, regionCode: region, regionName: regionName,
                                      status: status, openVacancies: Int(open)))
            }
            return result
        }
    }
}
