import Logging
import PostgresNIO

/// Writes posts in bulk with UNNEST arrays: one statement per table per batch, never one per
/// row. A single post from the API goes through the same path as a 100,000-row import, so
/// both obey the same SQL.
///
/// Nullable numbers travel as sentinels (`-1` target, `0` service years or amount) because
/// an array parameter cannot hold NULL elements here; every sentinel is outside its column's
/// legal range, so none can be confused with a value.
struct VacancyWriter {
    /// Rows per statement: large enough to amortise a round trip, small enough to keep each
    /// bind message a few megabytes.
    static let batch = 10_000

    let connection: PostgresConnection
    let logger: Logger

    /// Inserts new posts of one centre; returns their ids in the order given.
    func insert(_ drafts: [VacancyDraft], statuses: [VacancyStatus], centreID: Int64) async throws -> [Int64] {
        precondition(drafts.count == statuses.count, "one status per draft")
        var ids: [Int64] = []
        ids.reserveCapacity(drafts.count)
        for start in stride(from: 0, to: drafts.count, by: Self.batch) {
            let range = start..<min(start + Self.batch, drafts.count)
            let slice = Array(drafts[range])
            let columns = Columns(slice)
            let rows = try await connection.query(
                """
                INSERT INTO vacancies (centre_id, external_id, title, description, region_code, seats, target, staffing_type,
                                       min_education, min_title, min_experience_years, accepted_modes, service_years, status)
                SELECT \(centreID), ext, title, description, region, seats, NULLIF(target, -1), staffing, education, min_title,
                       years, string_to_array(modes, ','), NULLIF(service, 0), status
                FROM UNNEST(\(columns.externalIDs)::text[], \(columns.titles)::text[], \(columns.descriptions)::text[],
                            \(columns.regions)::text[], \(columns.seats)::int[], \(columns.targets)::int[], \(columns.staffing)::text[],
                            \(columns.education)::text[], \(columns.minTitles)::text[], \(columns.experience)::int[],
                            \(columns.modes)::text[], \(columns.serviceYears)::int[], \(statuses[range].map(\.rawValue))::text[])
                     AS v(ext, title, description, region, seats, target, staffing, education, min_title, years, modes, service, status)
                RETURNING id, external_id
                """,
                logger: logger
            )
            // Matched by external id (unique per centre), not by the order RETURNING happens to use.
            var byExternalID: [String: Int64] = [:]
            byExternalID.reserveCapacity(slice.count)
            for try await (id, externalID) in rows.decode((Int64, String).self) { byExternalID[externalID] = id }
            for draft in slice {
                guard let id = byExternalID[draft.externalID] else { throw VacancyWriterError.missingInsert(draft.externalID) }
                ids.append(id)
            }
        }
        try await insertChildren(of: ids, drafts)
        return ids
    }

    /// Rewrites posts of one centre in place (children are replaced); returns how many rows
    /// the centre owned and were written.
    @discardableResult
    func update(ids: [Int64], _ drafts: [VacancyDraft], statuses: [VacancyStatus], centreID: Int64) async throws -> Int {
        precondition(ids.count == drafts.count && drafts.count == statuses.count, "one id and status per draft")
        var written = 0
        for start in stride(from: 0, to: drafts.count, by: Self.batch) {
            let range = start..<min(start + Self.batch, drafts.count)
            let columns = Columns(Array(drafts[range]))
            let rows = try await connection.query(
                """
                UPDATE vacancies v SET external_id = u.ext, title = u.title, description = u.description, region_code = u.region,
                       seats = u.seats, target = NULLIF(u.target, -1), staffing_type = u.staffing, min_education = u.education,
                       min_title = u.min_title, min_experience_years = u.years, accepted_modes = string_to_array(u.modes, ','),
                       service_years = NULLIF(u.service, 0), status = u.status, updated_at = now()
                FROM UNNEST(\(Array(ids[range]))::int8[], \(columns.externalIDs)::text[], \(columns.titles)::text[],
                            \(columns.descriptions)::text[], \(columns.regions)::text[], \(columns.seats)::int[],
                            \(columns.targets)::int[], \(columns.staffing)::text[], \(columns.education)::text[],
                            \(columns.minTitles)::text[], \(columns.experience)::int[], \(columns.modes)::text[],
                            \(columns.serviceYears)::int[], \(statuses[range].map(\.rawValue))::text[])
                     AS u(id, ext, title, description, region, seats, target, staffing, education, min_title, years, modes, service, status)
                WHERE v.id = u.id AND v.centre_id = \(centreID)
                RETURNING v.id
                """,
                logger: logger
            )
            for try await _ in rows.decode(Int64.self) { written += 1 }
        }
        try await connection.query(
            "DELETE FROM vacancy_specialties WHERE vacancy_id = ANY(\(ids)::int8[])", logger: logger)
        try await connection.query(
            "DELETE FROM vacancy_incentives WHERE vacancy_id = ANY(\(ids)::int8[])", logger: logger)
        try await connection.query(
            "DELETE FROM vacancy_household_rules WHERE vacancy_id = ANY(\(ids)::int8[])", logger: logger)
        try await insertChildren(of: ids, drafts)
        return written
    }

    /// Moves posts of one centre to `status`; returns the ids that changed.
    func setStatus(_ status: VacancyStatus, ids: [Int64], centreID: Int64) async throws -> [Int64] {
        var changed: [Int64] = []
        let rows = try await connection.query(
            """
            UPDATE vacancies SET status = \(status.rawValue), updated_at = now()
            WHERE id = ANY(\(ids)::int8[]) AND centre_id = \(centreID) AND status <> \(status.rawValue)
            RETURNING id
            """,
            logger: logger
        )
        for try await id in rows.decode(Int64.self) { changed.append(id) }
        return changed
    }

    private func insertChildren(of ids: [Int64], _ drafts: [VacancyDraft]) async throws {
        var specialtyOwners: [Int64] = [], codes: [String] = [], fits: [String] = []
        var incentiveOwners: [Int64] = [], kinds: [String] = [], amounts: [Int] = [], notes: [String] = []
        var ruleOwners: [Int64] = [], ruleKinds: [String] = [], ruleRegions: [String] = [], bases: [String] = []
        for (id, draft) in zip(ids, drafts) {
            for specialty in draft.specialties {
                specialtyOwners.append(id); codes.append(specialty.code); fits.append(specialty.acceptedFit)
            }
            for incentive in draft.incentives {
                incentiveOwners.append(id); kinds.append(incentive.kind); amounts.append(incentive.amountYuan ?? 0); notes.append(incentive.note)
            }
            for rule in draft.householdRules {
                ruleOwners.append(id); ruleKinds.append(rule.kind); ruleRegions.append(rule.regionCode); bases.append(rule.legalBasis)
            }
        }
        if !specialtyOwners.isEmpty {
            try await connection.query(
                """
                INSERT INTO vacancy_specialties (vacancy_id, specialty_code, accepted_fit)
                SELECT * FROM UNNEST(\(specialtyOwners)::int8[], \(codes)::text[], \(fits)::text[])
                """,
                logger: logger
            )
        }
        if !incentiveOwners.isEmpty {
            try await connection.query(
                """
                INSERT INTO vacancy_incentives (vacancy_id, kind, amount_yuan, note)
                SELECT id, kind, NULLIF(amount, 0), note FROM UNNEST(\(incentiveOwners)::int8[], \(kinds)::text[], \(amounts)::int[],
                                                                     \(notes)::text[]) AS i(id, kind, amount, note)
                """,
                logger: logger
            )
        }
        if !ruleOwners.isEmpty {
            // WITH ORDINALITY keeps the rules' order: they are read back in id order.
            try await connection.query(
                """
                INSERT INTO vacancy_household_rules (vacancy_id, kind, region_code, legal_basis)
                SELECT id, kind, region, basis
                FROM UNNEST(\(ruleOwners)::int8[], \(ruleKinds)::text[], \(ruleRegions)::text[], \(bases)::text[])
                     WITH ORDINALITY AS r(id, kind, region, basis, n)
                ORDER BY n
                """,
                logger: logger
            )
        }
    }

    /// A batch of drafts as one array per column.
    private struct Columns {
        var externalIDs: [String] = [], titles: [String] = [], descriptions: [String] = [], regions: [String] = []
        var seats: [Int] = [], targets: [Int] = [], staffing: [String] = [], education: [String] = []
        var minTitles: [String] = [], experience: [Int] = [], modes: [String] = [], serviceYears: [Int] = []

        init(_ drafts: [VacancyDraft]) {
            for draft in drafts {
                externalIDs.append(draft.externalID); titles.append(draft.title); descriptions.append(draft.description)
                regions.append(draft.regionCode); seats.append(draft.seats); targets.append(draft.target ?? -1)
                staffing.append(draft.staffingType); education.append(draft.minEducation); minTitles.append(draft.minTitle)
                experience.append(draft.minExperienceYears); modes.append(draft.acceptedModes.joined(separator: ","))
                serviceYears.append(draft.serviceYears ?? 0)
            }
        }
    }
}

/// A bulk insert that did not return a row it was given: a bug, never an input problem.
enum VacancyWriterError: Error, CustomStringConvertible {
    case missingInsert(String)

    var description: String {
        switch self {
        case .missingInsert(let externalID): "the insert returned no id for post '\(externalID)'"
        }
    }
}
