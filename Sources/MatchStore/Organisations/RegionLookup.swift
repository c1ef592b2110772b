import Logging
import PostgresNIO

/// The lookups an office's or centre's creation asks inside its transaction.
enum RegionLookup {
    /// The region's significant prefix, or `unknownRegion` (a code that is not six digits is
    /// refused before it reaches the database).
    static func prefix(of code: String, on connection: PostgresConnection, logger: Logger) async throws -> String {
        guard code.count == 6, code.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw OrganisationError.unknownRegion(code) }
        let rows = try await connection.query("SELECT prefix FROM regions WHERE code = \(code)", logger: logger)
        for try await prefix in rows.decode(String.self) { return prefix }
        throw OrganisationError.unknownRegion(code)
    }

    static func exists(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(query, logger: logger)
        for try await _ in rows.decode(Int32.self) { return true }
        return false
    }
}
