import PostgresNIO

extension ReferenceStore {
    /// One province's file of county outlines.
    public struct BoundaryFile: Sendable {
        public let fileName: String
        public let province: String
        public let records: [BoundaryRecord]

        public init(fileName: String, province: String, records: [BoundaryRecord]) {
            self.fileName = fileName
            self.province = province
            self.records = records
        }
    }

    /// Loads every province's county outlines (migration 0104) as one edition, in one
    /// transaction, replacing the outlines of an older edition; an edition already loaded
    /// changes nothing. Every county must be in the region table.
    public func loadBoundaries(_ files: [BoundaryFile], edition: ReferenceEdition) async throws -> Outcome {
        try await withEdition(edition) { connection, editionID in
            for file in files {
                try await checkRegionsExist(file.records.map { ($0.region.padded, $0.line) }, fileName: file.fileName, on: connection)
            }
            try await connection.query("DELETE FROM region_boundaries", logger: database.logger)
            let records = files.flatMap { file in file.records.map { (file.province, $0) } }
            try await connection.query(
                """
                INSERT INTO region_boundaries (region_code, province_code, path, edition_id)
                SELECT code, province, path, \(editionID)
                FROM UNNEST(\(records.map(\.1.region.padded))::text[], \(records.map(\.0))::text[], \(records.map(\.1.path))::text[])
                     AS b(code, province, path)
                """,
                logger: database.logger
            )
            return records.count
        }
    }
}
