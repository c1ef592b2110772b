import Foundation
import Logging
import PostgresNIO

/// The reference tables as the gateway's pickers need them: specialties searched by name or
/// code, and regions walked province → prefecture → county.
public struct ReferenceLookup: Sendable {
    public struct Specialty: Sendable, Equatable {
        public let code: String
        public let name: String
        public let className: String
    }

    public struct Region: Sendable, Equatable {
        public let code: String
        public let name: String
        public let level: String
        public let parentCode: String?
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Current specialties whose code starts with, or whose name contains, `text`.
    public func specialties(matching text: String, limit: Int = 30) async throws -> [Specialty] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        let pattern = "%" + trimmed.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        let rows = try await database.query(
            """
            SELECT code, name, class_name FROM specialties
            WHERE NOT retired AND (code LIKE \(trimmed + "%") OR name LIKE \(pattern))
            ORDER BY code LIMIT \(limit)
            """,
            logger: database.logger
        )
        return try await rows.decode((String, String, String).self).reduce(into: []) {
            $0.append(Specialty(code: $1.0, name: $1.1, className: $1.2))
        }
    }

    /// The named specialties that exist, in the order asked for.
    public func specialties(codes: [String]) async throws -> [Specialty] {
        guard !codes.isEmpty else { return [] }
        let rows = try await database.query(
            "SELECT code, name, class_name FROM specialties WHERE code = ANY(\(codes))", logger: database.logger
        )
        let found = try await rows.decode((String, String, String).self).reduce(into: [String: Specialty]()) {
            $0[$1.0] = Specialty(code: $1.0, name: $1.1, className: $1.2)
        }
        return codes.compactMap { found[$0] }
    }

    /// Regions in force under `parent` (provinces when nil), by code.
    public func regions(under parent: String?) async throws -> [Region] {
        let rows: DatabaseRows<PostgresRowSequence>
        if let parent {
            rows = try await database.query(
                """
                SELECT code, name, level, parent_code FROM regions
                WHERE parent_code = \(parent) AND (valid_to IS NULL OR valid_to > current_date) ORDER BY code
                """,
                logger: database.logger
            )
        } else {
            rows = try await database.query(
                """
                SELECT code, name, level, parent_code FROM regions
                WHERE level = 'province' AND (valid_to IS NULL OR valid_to > current_date) ORDER BY code
                """,
                logger: database.logger
            )
        }
        return try await rows.decode((String, String, String, String?).self).reduce(into: []) {
            $0.append(Region(code: $1.0, name: $1.1, level: $1.2, parentCode: $1.3))
        }
    }

    /// The region and its ancestors, province first; empty for an unknown code.
    public func path(to code: String) async throws -> [Region] {
        let rows = try await database.query(
            """
            WITH RECURSIVE up AS (
                SELECT code, name, level, parent_code, 0 AS depth FROM regions WHERE code = \(code)
                UNION ALL
                SELECT r.code, r.name, r.level, r.parent_code, up.depth + 1 FROM regions r JOIN up ON r.code = up.parent_code
            )
            SELECT code, name, level, parent_code FROM up ORDER BY depth DESC
            """,
            logger: database.logger
        )
        return try await rows.decode((String, String, String, String?).self).reduce(into: []) {
            $0.append(Region(code: $1.0, name: $1.1, level: $1.2, parentCode: $1.3))
        }
    }
}
