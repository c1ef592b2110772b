import Logging
import MatchCore
import PostgresNIO

extension PolicyStore {
    /// The policies of a market's offices for a night: each office's newest version (or, for a
    /// what-if, the draft in place of one office's), named `<office code> v<version>` so that
    /// explanations say whose policy scored a post. Two queries for any number of offices.
    ///
    /// An office whose stored policy cannot be used (it has none, or a stored weight the engine
    /// does not know) gets no entry; `problems` says why, and its posts sit the night out.
    static func market(
        offices: [NightlySnapshot.Office], draft: OfficeDraft?, on connection: PostgresConnection, logger: Logger
    ) async throws -> (policies: [Int64: NightlySnapshot.PolicyVersion], problems: [Int64: String]) {
        let ids = offices.map(\.id)
        let rows = try await connection.queryOpen(
            """
            SELECT DISTINCT ON (office_id) office_id, id, version, weights::text, experience_cap, native_place_reason, offer_days
            FROM policies WHERE office_id = ANY(\(ids)::int8[]) ORDER BY office_id, version DESC
            """,
            logger: logger
        )
        var stored: [Int64: (id: Int64, version: Int, weights: String, cap: Int, reason: String?, days: Int)] = [:]
        for try await (office, id, version, weights, cap, reason, days) in rows.decode((Int64, Int64, Int, String, Int, String?, Int).self) {
            stored[office] = (id, version, weights, cap, reason, days)
        }
        let constraints = try await regions(policyIDs: stored.values.map(\.id), on: connection, logger: logger)
        var policies: [Int64: NightlySnapshot.PolicyVersion] = [:]
        var problems: [Int64: String] = [:]
        for office in offices {
            let row = stored[office.id]
            if let draft, draft.officeID == office.id, let proposed = draft.draft {
                let version = (row?.version ?? 0) + 1
                let policy = try proposed.validated(version: version)
                policies[office.id] = NightlySnapshot.PolicyVersion(
                    id: row?.id ?? 0, version: version, policy: try named(policy, office: office.code, version: version),
                    regions: proposed.regions.map { RegionConstraint(code: $0.region, cap: $0.cap, floor: $0.floor) },
                    offerDays: proposed.offerDays
                )
                continue
            }
            guard let row else {
                problems[office.id] = "office \(office.code) has no policy; create one with `talentmatch policy create --office \(office.code)`"
                continue
            }
            do {
                let policy = try Policy(version: "\(office.code) v\(row.version)", weights: try decodeWeights(row.weights),
                                        experienceCap: row.cap, nativePlaceReason: row.reason)
                policies[office.id] = NightlySnapshot.PolicyVersion(
                    id: row.id, version: row.version, policy: policy, regions: constraints[row.id] ?? [], offerDays: row.days
                )
            } catch {
                problems[office.id] = "office \(office.code) policy v\(row.version) cannot be used: \(error)"
            }
        }
        return (policies, problems)
    }

    private static func named(_ policy: Policy, office: String, version: Int) throws -> Policy {
        try Policy(version: "\(office) v\(version)", weights: policy.weights, experienceCap: policy.experienceCap,
                   nativePlaceReason: policy.nativePlaceReason)
    }

    private static func regions(policyIDs: [Int64], on connection: PostgresConnection, logger: Logger) async throws -> [Int64: [RegionConstraint]] {
        let rows = try await connection.queryOpen(
            """
            SELECT policy_id, region_prefix, cap, floor FROM policy_region_constraints
            WHERE policy_id = ANY(\(policyIDs)::int8[]) ORDER BY policy_id, region_prefix
            """,
            logger: logger
        )
        var result: [Int64: [RegionConstraint]] = [:]
        for try await (policy, prefix, cap, floor) in rows.decode((Int64, String, Int?, Int?).self) {
            guard let code = RegionCode(prefix) else { continue }
            result[policy, default: []].append(RegionConstraint(code: code, cap: cap, floor: floor))
        }
        return result
    }
}

/// A what-if's office and its draft policy, read in place of its current one (nil: the what-if
/// asks about the current policy).
public struct OfficeDraft: Sendable {
    public let officeID: Int64
    public let draft: PolicyDraft?

    public init(officeID: Int64, draft: PolicyDraft?) {
        self.officeID = officeID
        self.draft = draft
    }
}
