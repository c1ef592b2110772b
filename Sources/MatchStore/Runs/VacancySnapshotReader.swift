import Logging
import MatchCore
import PostgresNIO

/// Reads the staged vacancies (`nightly_vacancies`) with their requirements, in id order:
/// the office's order in the database, which is the order posts take turns in a region.
struct VacancySnapshotReader {
    let connection: PostgresConnection
    let logger: Logger

    func read(rejected: inout [NightlySnapshot.RejectedRow]) async throws -> [NightlySnapshot.Vacancy] {
        let specialties = try await requirements()
        let rules = try await householdRules(rejected: &rejected)
        let incentives = try await incentiveLists()
        // Designations match by region prefix (province, prefecture or county); joining on the
        // three prefixes of each vacancy's county is a hash join, not a LIKE per pair.
        let rows = try await connection.queryOpen(
            """
            WITH designated AS (
                SELECT r.prefix, l.kind, d.category FROM region_designations d
                JOIN designation_lists l ON l.id = d.list_id AND l.in_force
                JOIN regions r ON r.code = d.region_code
            ), per_vacancy AS (
                SELECT s.id, max(CASE WHEN g.kind = 'hardship_area' THEN g.category END) AS hardship,
                       bool_or(g.kind IN ('key_assistance_county', 'hardship_area')) AS underserved
                FROM nightly_vacancies s JOIN vacancies v ON v.id = s.id
                CROSS JOIN LATERAL (VALUES (left(v.region_code, 2)), (left(v.region_code, 4)), (v.region_code)) AS pre(prefix)
                JOIN designated g ON g.prefix = pre.prefix
                GROUP BY s.id
            )
            SELECT v.id, v.title, v.region_code, s.free, least(coalesce(v.target, 0), s.free), v.min_education, v.min_title,
                   v.min_experience_years, v.accepted_modes, coalesce(p.hardship, 0)::int, coalesce(p.underserved, false)
            FROM nightly_vacancies s JOIN vacancies v ON v.id = s.id LEFT JOIN per_vacancy p ON p.id = s.id
            ORDER BY v.id
            """,
            logger: logger
        )
        var result: [NightlySnapshot.Vacancy] = []
        for try await (id, title, region, free, target, education, minTitle, experience, modes, hardship, underserved)
            in rows.decode((Int64, String, String, Int, Int, String, String, Int, [String], Int, Bool).self) {
            let profile = VacancyProfile(
                id: NightlySnapshot.vacancyKey(id), region: RegionCode(region), seats: free, target: target,
                requiredSpecialties: specialties[id] ?? [], minimumEducation: EducationCode(rawValue: education)?.level,
                minimumTitle: TitleCode(rawValue: minTitle)?.title, minimumExperience: experience,
                acceptedModes: Set(modes.compactMap { IntroductionModeCode(rawValue: $0)?.mode }), incentives: incentives[id] ?? [],
                householdRules: rules[id] ?? [], hardshipCategory: hardship == 0 ? nil : hardship
            )
            result.append(.init(id: id, title: title, profile: profile, underserved: underserved))
        }
        return result
    }

    private func requirements() async throws -> [Int64: [SpecialtyRequirement]] {
        let rows = try await connection.queryOpen(
            """
            SELECT q.vacancy_id, q.specialty_code, q.accepted_fit
            FROM vacancy_specialties q JOIN nightly_vacancies s ON s.id = q.vacancy_id
            ORDER BY q.vacancy_id, q.specialty_code
            """,
            logger: logger
        )
        var result: [Int64: [SpecialtyRequirement]] = [:]
        for try await (vacancy, code, fit) in rows.decode((Int64, String, String).self) {
            guard let specialty = SpecialtyCode(code), let fits = SpecialtyFitCode(rawValue: fit)?.acceptedFits else { continue }
            result[vacancy, default: []].append(SpecialtyRequirement(code: specialty, accepted: fits))
        }
        return result
    }

    private func householdRules(rejected: inout [NightlySnapshot.RejectedRow]) async throws -> [Int64: [HouseholdRegistrationRule]] {
        let rows = try await connection.queryOpen(
            """
            SELECT h.id, h.vacancy_id, h.kind, h.region_code, h.legal_basis
            FROM vacancy_household_rules h JOIN nightly_vacancies s ON s.id = h.vacancy_id
            ORDER BY h.vacancy_id, h.id
            """,
            logger: logger
        )
        var result: [Int64: [HouseholdRegistrationRule]] = [:]
        for try await (ruleID, vacancy, kind, region, basis) in rows.decode((Int64, Int64, String, String, String).self) {
            guard kind == "registered_within" else {
                rejected.append(.init(table: "vacancy_household_rules", id: ruleID,
                                      problem: "vacancy \(vacancy): rule kind '\(kind)' is not supported by the engine"))
                continue
            }
            guard let code = RegionCode(region) else { continue }
            do {
                result[vacancy, default: []].append(try HouseholdRegistrationRule(region: code, legalBasis: basis))
            } catch {
                rejected.append(.init(table: "vacancy_household_rules", id: ruleID, problem: "vacancy \(vacancy): \(error)"))
            }
        }
        return result
    }

    private func incentiveLists() async throws -> [Int64: [Incentive]] {
        let rows = try await connection.queryOpen(
            """
            SELECT i.vacancy_id, i.kind, i.amount_yuan, i.note
            FROM vacancy_incentives i JOIN nightly_vacancies s ON s.id = i.vacancy_id
            ORDER BY i.vacancy_id, i.kind
            """,
            logger: logger
        )
        var result: [Int64: [Incentive]] = [:]
        for try await (vacancy, kind, amount, note) in rows.decode((Int64, String, Int?, String).self) {
            result[vacancy, default: []].append(IncentiveKindCode.incentive(code: kind, amountYuan: amount, note: note))
        }
        return result
    }
}
