/// The codes in force that a generated market draws from: every current county, every
/// specialty not retired, and the key assistance counties of the list in force.
public struct ReferenceCodes: Sendable, Equatable {
    /// In code order, so that a seeded draw picks the same county on every machine.
    public let counties: [String]
    /// In code order.
    public let specialties: [String]
    public let keyAssistanceCounties: Set<String>
    /// Prefecture codes (`511900`): municipalities have none, their counties sit under the province.
    public var prefectures: Set<String> = []

    public static func read(in database: Database) async throws -> ReferenceCodes {
        try await database.withConnection { connection in
            var counties: [String] = [], specialties: [String] = [], keys = Set<String>(), prefectures = Set<String>()
            for try await code in try await connection.query(
                "SELECT code FROM regions WHERE level = 'county' AND valid_to IS NULL ORDER BY code", logger: database.logger
            ).decode(String.self) { counties.append(code) }
            for try await code in try await connection.query(
                "SELECT code FROM specialties WHERE NOT retired ORDER BY code", logger: database.logger
            ).decode(String.self) { specialties.append(code) }
            for try await code in try await connection.query(
                """
                SELECT d.region_code FROM region_designations d JOIN designation_lists l ON l.id = d.list_id
                WHERE l.in_force AND l.kind = 'key_assistance_county'
                """, logger: database.logger
            ).decode(String.self) { keys.insert(code) }
            for try await code in try await connection.query(
                "SELECT code FROM regions WHERE level = 'prefecture' AND valid_to IS NULL", logger: database.logger
            ).decode(String.self) { prefectures.insert(code) }
            var codes = ReferenceCodes(counties: counties, specialties: specialties, keyAssistanceCounties: keys)
            codes.prefectures = prefectures
            return codes
        }
    }
}
