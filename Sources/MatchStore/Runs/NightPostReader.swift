import Foundation
import Logging
import MatchCore
import PostgresNIO

/// A post's requirements as one night read them (ADR 0051): the newest requirement version
/// recorded before the night started (`match_runs.started_at`).
struct NightPost: Sendable, Equatable {
    let region: RegionCode?
    let minimumEducation: EducationLevel?
    let minimumTitle: ProfessionalTitle?
    let minimumExperience: Int
    let acceptedModes: Set<IntroductionMode>
    let requiredSpecialties: [SpecialtyRequirement]
    let householdRules: [HouseholdRegistrationRule]
    /// The hardship category of the version's region, from the designation lists in force now.
    let hardshipCategory: Int?
    /// The version is the one in force that night. False when none is kept from that night (the
    /// post was first versioned after it, by migration 0103): the earliest version after the
    /// night is used instead, and the page says so.
    let fromThatNight: Bool

    /// `today` (the post as it is now: seats, incentives) with the night's requirements.
    func applied(to today: VacancyProfile) -> VacancyProfile {
        var profile = today
        profile.region = region
        profile.minimumEducation = minimumEducation
        profile.minimumTitle = minimumTitle
        profile.minimumExperience = minimumExperience
        profile.acceptedModes = acceptedModes
        profile.requiredSpecialties = requiredSpecialties
        profile.householdRules = householdRules
        profile.hardshipCategory = hardshipCategory
        return profile
    }
}

/// One statement for all of a candidate's ranked posts, each an indexed read of
/// `vacancy_requirement_versions` (its primary key is post, time).
struct NightPostReader {
    let database: Database

    private struct Rule: Decodable {
        let kind: String
        let region_code: String
        let legal_basis: String
    }

    func read(vacancyIDs: [Int64], runID: Int64) async throws -> [Int64: NightPost] {
        let rows = try await database.query(
            """
            WITH night AS (SELECT started_at AS at FROM match_runs WHERE id = \(runID))
            SELECT p.id, k.region_code, k.min_education, k.min_title, k.min_experience_years::int, k.accepted_modes,
                   k.specialties::text, k.household_rules::text, k.in_force,
                   coalesce((SELECT max(CASE WHEN l.kind = 'hardship_area' THEN d.category END)
                             FROM (VALUES (left(k.region_code, 2)), (left(k.region_code, 4)), (k.region_code)) AS pre(prefix)
                             JOIN regions r ON r.prefix = pre.prefix JOIN region_designations d ON d.region_code = r.code
                             JOIN designation_lists l ON l.id = d.list_id AND l.in_force), 0)::int
            FROM unnest(\(vacancyIDs)::int8[]) AS p(id) CROSS JOIN night
            JOIN LATERAL (
                (SELECT v.*, true AS in_force FROM vacancy_requirement_versions v
                 WHERE v.vacancy_id = p.id AND v.valid_from <= night.at ORDER BY v.valid_from DESC LIMIT 1)
                UNION ALL
                (SELECT v.*, false FROM vacancy_requirement_versions v
                 WHERE v.vacancy_id = p.id AND v.valid_from > night.at ORDER BY v.valid_from LIMIT 1)
                ORDER BY in_force DESC LIMIT 1) k ON true
            """,
            logger: database.logger
        )
        typealias Row = (Int64, String, String, String, Int, [String], String, String, Bool, Int)
        var result: [Int64: NightPost] = [:]
        for try await row in rows.decode(Row.self) {
            let pairs = try JSONDecoder().decode([[String]].self, from: Data(row.6.utf8))
            let rules = try JSONDecoder().decode([Rule].self, from: Data(row.7.utf8))
            // Decoded as PostCatalogue decodes today's post, so the two can only differ by the version.
            result[row.0] = NightPost(
                region: RegionCode(row.1), minimumEducation: EducationCode(rawValue: row.2)?.level,
                minimumTitle: TitleCode(rawValue: row.3)?.title, minimumExperience: row.4,
                acceptedModes: Set(row.5.compactMap { IntroductionModeCode(rawValue: $0)?.mode }),
                requiredSpecialties: pairs.compactMap { pair in
                    guard pair.count == 2, let code = SpecialtyCode(pair[0]), let fit = SpecialtyFitCode(rawValue: pair[1]) else { return nil }
                    return SpecialtyRequirement(code: code, accepted: fit.acceptedFits)
                },
                householdRules: rules.compactMap { rule in
                    guard let kind = HouseholdRuleKindCode(rawValue: rule.kind), let region = RegionCode(rule.region_code) else { return nil }
                    return try? HouseholdRegistrationRule(region: region, legalBasis: rule.legal_basis, kind: kind.kind)
                },
                hardshipCategory: row.9 == 0 ? nil : row.9, fromThatNight: row.8
            )
        }
        return result
    }
}
