import Foundation
import PostgresNIO

/// Which edition of each reference table is in force: the newest loaded region table and
/// specialty catalogue, and the designation list of each kind marked in force.
public struct ReferenceEditionsInForce: Sendable {
    public struct Entry: Sendable, Equatable {
        /// `regions`, `specialties`, or a designation kind such as `hardship_area`.
        public let dataset: String
        public let edition: String
        public let source: String
        public let loadedAt: Date
        /// For designation lists: whether absence from the list means "not designated".
        public let complete: Bool?
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func list() async throws -> [Entry] {
        let rows = try await database.query(
            """
            (SELECT DISTINCT ON (e.dataset) e.dataset, e.edition, e.source, e.loaded_at, NULL::boolean
             FROM reference_editions e
             WHERE e.dataset IN ('regions', 'specialties')
               AND EXISTS (SELECT 1 FROM regions r WHERE r.edition_id = e.id
                           UNION ALL SELECT 1 FROM specialties s WHERE s.edition_id = e.id)
             ORDER BY e.dataset, e.loaded_at DESC, e.id DESC)
            UNION ALL
            (SELECT l.kind, l.edition, l.source, e.loaded_at, l.complete
             FROM designation_lists l JOIN reference_editions e ON e.id = l.edition_id
             WHERE l.in_force ORDER BY l.kind)
            """,
            logger: database.logger
        )
        var entries: [Entry] = []
        for try await (dataset, edition, source, loadedAt, complete) in rows.decode((String, String, String, Date, Bool?).self) {
            entries.append(Entry(dataset: dataset, edition: edition, source: source, loadedAt: loadedAt, complete: complete))
        }
        return entries
    }
}
