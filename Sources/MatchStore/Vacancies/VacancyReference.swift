import Logging
import PostgresNIO

/// The reference codes a post may name: regions in force (not retired by a newer edition)
/// and specialties not retired. Loaded once per operation (a few thousand codes), so that a
/// 100,000-row import checks every code in memory and reports each bad one with its row.
public struct VacancyReference: Sendable {
    public let regions: Set<String>
    public let specialties: Set<String>

    public init(regions: Set<String>, specialties: Set<String>) {
        self.regions = regions
        self.specialties = specialties
    }

    static func load(on connection: PostgresConnection, logger: Logger) async throws -> VacancyReference {
        var regions = Set<String>()
        for try await code in try await connection.query(
            "SELECT code FROM regions WHERE valid_to IS NULL", logger: logger
        ).decode(String.self) {
            regions.insert(code)
        }
        var specialties = Set<String>()
        for try await code in try await connection.query(
            "SELECT code FROM specialties WHERE NOT retired", logger: logger
        ).decode(String.self) {
            specialties.insert(code)
        }
        return VacancyReference(regions: regions, specialties: specialties)
    }
}
