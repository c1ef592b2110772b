import PostgresNIO

extension PostCatalogue {
    /// A number that moves with every change to what the catalogue shows (migration 0021):
    /// equal numbers, equal catalogue.
    public func version() async throws -> Int64 {
        let rows = try await database.query("SELECT version FROM catalogue_versions WHERE name = 'posts'", logger: database.logger)
        for try await version in rows.decode(Int64.self) { return version }
        return 0
    }
}
