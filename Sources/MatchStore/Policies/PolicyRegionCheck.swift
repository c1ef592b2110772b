import Logging
import MatchCore
import PostgresNIO

/// Whether a draft's caps and floors name real regions inside the office's own region.
///
/// A cap on `999999`, or on another prefecture, would be stored and then bind nothing: the
/// night would run as if the office had not asked for it. The store checks here before it
/// writes, so the CLI and the API name the setting; migration 0080's trigger refuses the
/// same rows for any other writer.
enum PolicyRegionCheck {
    /// The first region setting that is refused, as the error that names it.
    static func firstProblem(
        in regions: [PolicyDraft.RegionSetting], officeID: Int64, on connection: PostgresConnection, logger: Logger
    ) async throws -> PolicyDraftError? {
        guard !regions.isEmpty else { return nil }
        let rows = try await connection.query(
            """
            SELECT s.ordinality::int, o.code, office_region.code, office_region.prefix, office_region.name, found.name
            FROM unnest(\(regions.map(\.region.digits))::text[]) WITH ORDINALITY AS s(prefix, ordinality)
            CROSS JOIN offices o
            JOIN regions office_region ON office_region.code = o.region_code
            LEFT JOIN LATERAL (
                SELECT g.name FROM regions g
                WHERE g.prefix = s.prefix AND (g.valid_to IS NULL OR g.valid_to > current_date)
                LIMIT 1
            ) found ON true
            WHERE o.id = \(officeID)
            ORDER BY s.ordinality
            """,
            logger: logger
        )
        for try await (ordinality, office, officeRegion, officePrefix, officeRegionName, name)
            in rows.decode((Int, String, String, String, String, String?).self) {
            let index = ordinality - 1
            let region = regions[index].region
            guard let name else {
                return .regionRefused(
                    index: index, region: region,
                    problem: "no region \(region) in the regions table (a province, prefecture or county code, e.g. 51, 5119 or 511921)"
                )
            }
            guard region.digits.hasPrefix(officePrefix) else {
                return .regionRefused(
                    index: index, region: region,
                    problem: "region \(region) (\(name)) lies outside office \(office)'s region \(officeRegion) (\(officeRegionName))"
                )
            }
        }
        return nil
    }
}
