import Foundation
import PostgresNIO

/// The names of regions by code, for pages that list codes (a what-if's regions): a code
/// given in its short form (`5119`) is looked up padded (`511900`), as the table keeps it.
public struct RegionNames: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Code as given → name; a code the table does not know is absent.
    public func names(_ codes: [String]) async throws -> [String: String] {
        guard !codes.isEmpty else { return [:] }
        let padded = codes.map { $0.count < 6 ? $0.padding(toLength: 6, withPad: "0", startingAt: 0) : $0 }
        return try await database.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT u.given, g.name FROM UNNEST(\(codes)::text[], \(padded)::text[]) AS u(given, code)
                JOIN regions g ON g.code = u.code
                """,
                logger: database.logger
            )
            var names: [String: String] = [:]
            for try await (code, name) in rows.decode((String, String).self) { names[code] = name }
            return names
        }
    }
}
