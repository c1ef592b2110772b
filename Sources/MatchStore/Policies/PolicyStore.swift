import Foundation
import Logging
import MatchCore
import PostgresNIO

/// Reads and writes versioned office policies. Versions are never edited (the database
/// refuses), so a run that names a version names exactly what it used.
public struct PolicyStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Validates `draft` and stores it as the office's next version; returns the version number.
    /// `source` says where the change came from (a client address, `cli`) for the audit log.
    public func create(officeCode: String, draft: PolicyDraft, actor: String, source: String = "") async throws -> Int {
        try await database.transaction { connection in
            try await Self.insert(draft, officeCode: officeCode, actor: actor, source: source, on: connection, logger: database.logger)
        }
    }

    /// Refuses `draft`'s caps and floors as `create` would, writing nothing: a what-if's draft
    /// is never stored, so without this a cap on `999999` would be solved as if absent.
    public func checkRegions(of draft: PolicyDraft, officeCode: String) async throws {
        try await database.transaction { connection in
            let office = try await Self.officeID(officeCode, on: connection, logger: database.logger)
            if let refused = try await PolicyRegionCheck.firstProblem(in: draft.regions, officeID: office, on: connection, logger: database.logger) {
                throw refused
            }
        }
    }

    /// Stores `draft` as the office's next version inside the caller's transaction (the API, the
    /// CLI, and a seed's first policies all come here).
    static func insert(
        _ draft: PolicyDraft, officeCode: String, actor: String, source: String = "", on connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        let office = try await officeID(officeCode, on: connection, logger: logger)
        let rows = try await connection.query(
            "SELECT coalesce(max(version), 0) + 1 FROM policies WHERE office_id = \(office)", logger: logger
        )
        var version = 1
        for try await next in rows.decode(Int.self) { version = next }
        let policy = try draft.validated(version: version)
        if let refused = try await PolicyRegionCheck.firstProblem(in: draft.regions, officeID: office, on: connection, logger: logger) {
            throw refused
        }
        let weights = try Self.encodeWeights(policy.weights)
        let inserted = try await connection.query(
            """
            INSERT INTO policies (office_id, version, weights, experience_cap, native_place_reason, offer_days, note, created_by)
            VALUES (\(office), \(version), \(weights)::jsonb, \(draft.experienceCap), \(draft.nativePlaceReason),
                    \(draft.offerDays), \(draft.note), \(actor))
            RETURNING id
            """,
            logger: logger
        )
        var policyID: Int64 = 0
        for try await id in inserted.decode(Int64.self) { policyID = id }
        let settings = draft.regions
        try await connection.query(
            """
            INSERT INTO policy_region_constraints (policy_id, region_prefix, cap, floor, reason)
            SELECT \(policyID), prefix, NULLIF(cap, -1), NULLIF(floor, -1), reason
            FROM UNNEST(\(settings.map(\.region.digits))::text[], \(settings.map { $0.cap ?? -1 })::int[],
                        \(settings.map { $0.floor ?? -1 })::int[], \(settings.map(\.reason))::text[]) AS s(prefix, cap, floor, reason)
            """,
            logger: logger
        )
        try await AuditLog.record(
            actor: actor, action: "policy.create", subject: "office \(officeCode) policy v\(version)",
            details: ["version": "\(version)"], source: source, on: connection, logger: logger
        )
        return version
    }

    /// The newest version for an office, or nil when it has none. Read in a transaction so
    /// that a scoped `database` (ADR 0016) reads it under the caller's row-level security.
    public func current(officeCode: String) async throws -> NightlySnapshot.PolicyVersion? {
        try await database.transaction { connection in
            try await Self.current(officeID: try await Self.officeID(officeCode, on: connection, logger: database.logger),
                                   on: connection, logger: database.logger)
        }
    }

    /// The office's current version, or `draft` (a what-if's unstored policy) in its place,
    /// numbered as the version it would become.
    static func current(
        officeID: Int64, draft: PolicyDraft? = nil, on connection: PostgresConnection, logger: Logger
    ) async throws -> NightlySnapshot.PolicyVersion? {
        let stored = try await storedCurrent(officeID: officeID, on: connection, logger: logger)
        guard let draft else { return stored }
        let version = (stored?.version ?? 0) + 1
        return NightlySnapshot.PolicyVersion(
            id: stored?.id ?? 0, version: version, policy: try draft.validated(version: version),
            regions: draft.regions.map { RegionConstraint(code: $0.region, cap: $0.cap, floor: $0.floor) },
            offerDays: draft.offerDays
        )
    }

    private static func storedCurrent(
        officeID: Int64, on connection: PostgresConnection, logger: Logger
    ) async throws -> NightlySnapshot.PolicyVersion? {
        let rows = try await connection.query(
            """
            SELECT id, version, weights::text, experience_cap, native_place_reason, offer_days
            FROM policies WHERE office_id = \(officeID) ORDER BY version DESC LIMIT 1
            """,
            logger: logger
        )
        for try await (id, version, weights, cap, reason, days) in rows.decode((Int64, Int, String, Int, String?, Int).self) {
            let policy = try Policy(
                version: "v\(version)", weights: try Self.decodeWeights(weights), experienceCap: cap, nativePlaceReason: reason
            )
            return NightlySnapshot.PolicyVersion(
                id: id, version: version, policy: policy,
                regions: try await regions(policyID: id, on: connection, logger: logger), offerDays: days
            )
        }
        return nil
    }

    private static func regions(policyID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> [RegionConstraint] {
        let rows = try await connection.query(
            "SELECT region_prefix, cap, floor FROM policy_region_constraints WHERE policy_id = \(policyID) ORDER BY region_prefix",
            logger: logger
        )
        var result: [RegionConstraint] = []
        for try await (prefix, cap, floor) in rows.decode((String, Int?, Int?).self) {
            guard let code = RegionCode(prefix) else { continue }
            result.append(RegionConstraint(code: code, cap: cap, floor: floor))
        }
        return result
    }

    static func officeID(_ code: String, on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        let rows = try await connection.query("SELECT id FROM offices WHERE code = \(code)", logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw PolicyDraftError.unknownOffice(code)
    }

    static func encodeWeights(_ weights: [ScoringFeature: Double]) throws -> String {
        let object = Dictionary(uniqueKeysWithValues: weights.map { ($0.key.rawValue, $0.value) })
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeWeights(_ text: String) throws -> [ScoringFeature: Double] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw PolicyDraftError.invalid(field: "weights", problem: "stored weights are not a JSON object")
        }
        var weights: [ScoringFeature: Double] = [:]
        for (name, value) in object {
            guard let feature = ScoringFeature(rawValue: name), let number = (value as? NSNumber)?.doubleValue else {
                throw PolicyDraftError.invalid(field: "weights/\(name)", problem: "unknown feature or not a number")
            }
            weights[feature] = number
        }
        return weights
    }
}
