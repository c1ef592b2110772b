import Foundation
import Logging
import MatchCore
import PostgresNIO

extension PolicyStore {
    /// Every version of the office's policy, newest first, with its caps, floors and reasons.
    /// Read in one transaction, so a scoped `database` reads them under the caller's
    /// row-level security (another office's policies are simply not there).
    public func versions(officeCode: String) async throws -> [PolicyRecord] {
        try await database.transaction { connection in
            let office = try await Self.officeID(officeCode, on: connection, logger: database.logger)
            let settings = try await Self.regionSettings(officeID: office, on: connection, logger: database.logger)
            let rows = try await connection.query(
                """
                SELECT version, weights::text, experience_cap::int, native_place_reason, offer_days::int, note, created_by, created_at
                FROM policies WHERE office_id = \(office) ORDER BY version DESC
                """,
                logger: database.logger
            )
            var records: [PolicyRecord] = []
            for try await (version, weights, cap, reason, days, note, actor, created)
                in rows.decode((Int, String, Int, String?, Int, String, String, Date).self) {
                records.append(PolicyRecord(
                    version: version, weights: try Self.decodeWeights(weights), experienceCap: cap, nativePlaceReason: reason,
                    offerDays: days, note: note, regions: settings[version] ?? [], createdBy: actor, createdAt: created))
            }
            return records
        }
    }

    /// The caps and floors of every version of the office's policy, by version.
    private static func regionSettings(
        officeID: Int64, on connection: PostgresConnection, logger: Logger
    ) async throws -> [Int: [PolicyDraft.RegionSetting]] {
        let rows = try await connection.query(
            """
            SELECT p.version, c.region_prefix, c.cap, c.floor, c.reason
            FROM policy_region_constraints c JOIN policies p ON p.id = c.policy_id
            WHERE p.office_id = \(officeID) ORDER BY p.version, c.region_prefix
            """,
            logger: logger
        )
        var result: [Int: [PolicyDraft.RegionSetting]] = [:]
        for try await (version, prefix, cap, floor, reason) in rows.decode((Int, String, Int?, Int?, String).self) {
            guard let region = RegionCode(prefix) else { continue }
            result[version, default: []].append(.init(region: region, cap: cap, floor: floor, reason: reason))
        }
        return result
    }
}
