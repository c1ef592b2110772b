import PostgresNIO

/// An office as an access decision needs it: who it is, and where (ADR 0016).
public struct OfficeRecord: Sendable, Equatable {
    public let id: Int64
    public let code: String
    public let regionCode: String
    /// The region's significant prefix: every region below starts with it.
    public let regionPrefix: String

    /// Whether an office whose region prefix is `prefix` oversees this office (itself included).
    public func isWithin(prefix: String) -> Bool { regionPrefix.hasPrefix(prefix) }
}

extension OfficeRecord {
    /// Finds an office by code. Offices are not secret (they are on every post), so this
    /// reads outside any scope; what an office may see is decided from its region.
    public static func find(code: String, in database: Database) async throws -> OfficeRecord? {
        let rows = try await database.query(
            """
            SELECT o.id, o.code, o.region_code, r.prefix FROM offices o JOIN regions r ON r.code = o.region_code
            WHERE o.code = \(code)
            """,
            logger: database.logger
        )
        for try await (id, code, region, prefix) in rows.decode((Int64, String, String, String).self) {
            return OfficeRecord(id: id, code: code, regionCode: region, regionPrefix: prefix)
        }
        return nil
    }
}
