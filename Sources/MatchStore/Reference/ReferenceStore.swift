import Logging
import PostgresNIO

/// Writes reference tables. Each load is one transaction, keyed on its edition, so loading
/// the same edition twice is a no-op and a failed load leaves nothing behind.
public struct ReferenceStore: Sendable {
    /// What one load did.
    public enum Outcome: Sendable, Equatable {
        case loaded(rows: Int)
        case alreadyLoaded
    }

    let database: Database
    let auditActor: String?
    let auditSource: String

    /// With `auditedAs`, each load that changes something is recorded in the audit log in
    /// its own transaction (the API names the token and the client address).
    public init(database: Database, auditedAs actor: String? = nil, source: String = "") {
        self.database = database
        self.auditActor = actor
        self.auditSource = source
    }

    /// True when no region table has been loaded yet (a fresh database).
    public func isEmpty() async throws -> Bool {
        let rows = try await database.query("SELECT count(*) FROM regions", logger: database.logger)
        for try await count in rows.decode(Int.self) { return count == 0 }
        return true
    }

    /// Loads a complete region edition: new codes are added, renamed ones updated, and codes
    /// missing from it retired (valid_to set), never deleted or reused.
    public func loadRegions(_ records: [RegionRecord], edition: ReferenceEdition) async throws -> Outcome {
        try await withEdition(edition) { connection, editionID in
            let codes = records.map(\.code.padded)
            try await connection.query(
                """
                INSERT INTO regions (code, name, level, parent_code, valid_from, edition_id)
                SELECT code, name, level, NULLIF(parent, ''), \(edition.effectiveDate)::date, \(editionID)
                FROM UNNEST(\(codes)::text[], \(records.map(\.name))::text[], \(records.map(\.level.rawValue))::text[],
                            \(records.map { $0.parent?.padded ?? "" })::text[]) AS r(code, name, level, parent)
                ON CONFLICT (code) DO UPDATE SET
                    name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code,
                    valid_to = NULL, edition_id = EXCLUDED.edition_id
                """,
                logger: database.logger
            )
            try await connection.query(
                """
                UPDATE regions SET valid_to = \(edition.effectiveDate)::date
                WHERE valid_to IS NULL AND NOT (code = ANY(\(codes)::text[]))
                """,
                logger: database.logger
            )
            return records.count
        }
    }

    /// Loads a specialty catalogue edition; specialties it drops are marked retired.
    public func loadSpecialties(_ records: [SpecialtyRecord], edition: ReferenceEdition) async throws -> Outcome {
        try await withEdition(edition) { connection, editionID in
            let codes = records.map(\.code.description)
            try await connection.query(
                """
                INSERT INTO specialties (code, code6, name, class_code, class_name, discipline_code, discipline_name,
                                         degree_note, flag, edition_id)
                SELECT code, left(code, 6), name, left(code, 4), class_name, left(code, 2), discipline_name,
                       NULLIF(note, ''), NULLIF(flag, ''), \(editionID)
                FROM UNNEST(\(codes)::text[], \(records.map(\.name))::text[], \(records.map(\.className))::text[],
                            \(records.map(\.disciplineName))::text[], \(records.map(\.degreeNote))::text[],
                            \(records.map(\.flag))::text[]) AS s(code, name, class_name, discipline_name, note, flag)
                ON CONFLICT (code) DO UPDATE SET
                    name = EXCLUDED.name, class_name = EXCLUDED.class_name, discipline_name = EXCLUDED.discipline_name,
                    degree_note = EXCLUDED.degree_note, flag = EXCLUDED.flag, retired = false, edition_id = EXCLUDED.edition_id
                """,
                logger: database.logger
            )
            try await connection.query(
                "UPDATE specialties SET retired = true WHERE NOT (code = ANY(\(codes)::text[]))",
                logger: database.logger
            )
            return records.count
        }
    }

    /// Loads a designation list and puts it in force in place of the previous edition of its kind.
    public func loadDesignations(
        _ records: [DesignationRecord], list: DesignationList, fileName: String
    ) async throws -> Outcome {
        try await withEdition(list.edition) { connection, editionID in
            try await checkRegionsExist(records.map { ($0.region.padded, $0.line) }, fileName: fileName, on: connection)
            try await connection.query(
                "UPDATE designation_lists SET in_force = false WHERE kind = \(list.kind.rawValue)", logger: database.logger
            )
            let rows = try await connection.query(
                """
                INSERT INTO designation_lists (kind, edition, title, source, complete, edition_id)
                VALUES (\(list.kind.rawValue), \(list.edition.edition), \(list.title), \(list.edition.source),
                        \(list.complete), \(editionID))
                RETURNING id
                """,
                logger: database.logger
            )
            var listID: Int64 = 0
            for try await id in rows.decode(Int64.self) { listID = id }
            try await connection.query(
                """
                INSERT INTO region_designations (list_id, region_code, category, note)
                SELECT \(listID), code, NULLIF(category, 0), NULLIF(note, '')
                FROM UNNEST(\(records.map(\.region.padded))::text[], \(records.map { $0.category ?? 0 })::int[],
                            \(records.map(\.note))::text[]) AS d(code, category, note)
                """,
                logger: database.logger
            )
            return records.count
        }
    }

    /// Refuses the first code (with its file line) that the region table does not hold.
    func checkRegionsExist(_ records: [(code: String, line: Int)], fileName: String, on connection: PostgresConnection) async throws {
        let codes = records.map(\.code)
        let rows = try await connection.query(
            "SELECT c FROM UNNEST(\(codes)::text[]) AS c WHERE NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = c)",
            logger: database.logger
        )
        for try await missing in rows.decode(String.self) {
            let line = records.first { $0.code == missing }?.line ?? 0
            throw ReferenceError.unknownRegion(file: fileName, line: line, code: missing)
        }
    }

    /// Records the edition and runs `body` in the same transaction; skips an edition already loaded.
    func withEdition(
        _ edition: ReferenceEdition,
        _ body: (PostgresConnection, Int64) async throws -> Int
    ) async throws -> Outcome {
        try await database.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO reference_editions (dataset, edition, source) VALUES (\(edition.dataset.rawValue), \(edition.edition), \(edition.source))
                ON CONFLICT (dataset, edition) DO NOTHING RETURNING id
                """,
                logger: database.logger
            )
            var editionID: Int64?
            for try await id in rows.decode(Int64.self) { editionID = id }
            guard let editionID else { return .alreadyLoaded }
            let count = try await body(connection, editionID)
            if let auditActor {
                try await AuditLog.record(
                    actor: auditActor, action: "reference.import", subject: "\(edition.dataset.rawValue) \(edition.edition)",
                    details: ["rows": "\(count)", "source": edition.source, "effectiveDate": edition.effectiveDate],
                    source: auditSource, on: connection, logger: database.logger
                )
            }
            return .loaded(rows: count)
        }
    }
}
