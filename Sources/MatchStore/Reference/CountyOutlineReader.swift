import Foundation
import Logging
import PostgresNIO

/// The counties of an office's area as its map needs them: name, outline (migration 0104) and
/// the underserved designations in force. Reference data is public, so this reads unscoped.
public struct CountyOutlineReader: Sendable {
    /// One county of the area. `path` is nil when the outline edition has no shape for a code
    /// (a county created after the edition was drawn).
    public struct County: Sendable, Equatable {
        public let code: String
        public let name: String
        public let path: String?
        /// The hardship category (1–6) of the county or a region above it, if designated.
        public let hardshipCategory: Int?
        public let keyAssistance: Bool
    }

    /// The area's counties and the outline edition they were drawn from.
    public struct Area: Sendable, Equatable {
        public let counties: [County]
        /// `edition` and `source` of the outlines in force; nil when none are loaded.
        public let edition: String?
        public let source: String?
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Counties in force whose code starts with `regionPrefix` (an office's region prefix), by code.
    public func area(regionPrefix: String) async throws -> Area {
        let rows = try await database.query(
            """
            SELECT r.code, r.name, b.path,
                   (SELECT max(d.category)::int FROM region_designations d
                      JOIN designation_lists l ON l.id = d.list_id AND l.in_force AND l.kind = 'hardship_area'
                      JOIN regions dr ON dr.code = d.region_code
                     WHERE r.prefix LIKE dr.prefix || '%'),
                   EXISTS (SELECT 1 FROM region_designations d
                      JOIN designation_lists l ON l.id = d.list_id AND l.in_force AND l.kind = 'key_assistance_county'
                     WHERE d.region_code = r.code)
            FROM regions r LEFT JOIN region_boundaries b ON b.region_code = r.code
            WHERE r.level = 'county' AND r.prefix LIKE \(regionPrefix) || '%' AND (r.valid_to IS NULL OR r.valid_to > current_date)
            ORDER BY r.code
            """,
            logger: database.logger
        )
        let counties = try await rows.decode((String, String, String?, Int?, Bool).self).reduce(into: [County]()) {
            $0.append(County(code: $1.0, name: $1.1, path: $1.2, hardshipCategory: $1.3, keyAssistance: $1.4))
        }
        let editions = try await database.query(
            "SELECT edition, source FROM reference_editions WHERE dataset = 'boundaries' ORDER BY loaded_at DESC, id DESC LIMIT 1",
            logger: database.logger
        )
        var edition: (String, String)?
        for try await row in editions.decode((String, String).self) { edition = row }
        return Area(counties: counties, edition: edition?.0, source: edition?.1)
    }
}
