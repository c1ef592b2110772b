import Foundation
import Logging
import MatchCore
import PostgresNIO

/// Open posts as candidates browse them, and one post in full with its rules.
public struct PostCatalogue: Sendable {
    public struct Filter: Sendable, Hashable {
        /// A region code; posts in it or below it match.
        public var region: String?
        /// A specialty code or its 4-digit class or 2-digit discipline.
        public var specialty: String?
        /// `key_assistance_county`, `hardship_area` or `western_development`.
        public var designation: String?
        public var mode: String?
        public var incentive: String?

        public init(region: String? = nil, specialty: String? = nil, designation: String? = nil, mode: String? = nil, incentive: String? = nil) {
            self.region = region
            self.specialty = specialty
            self.designation = designation
            self.mode = mode
            self.incentive = incentive
        }
    }

    public struct Summary: Sendable, Equatable {
        public let id: Int64
        public let title: String
        public let regionCode: String
        public let regionName: String
        public let seats: Int
        public let staffingType: String
        public let modes: [String]
        public let incentives: [String]
        public let designations: [String]
        public let status: String
    }

    public struct Incentive: Sendable, Equatable {
        public let kind: String
        public let amountYuan: Int?
        public let note: String
    }

    public struct HouseholdRule: Sendable, Equatable {
        public let kind: String
        public let regionCode: String
        public let regionName: String
        public let legalBasis: String
    }

    public struct Requirement: Sendable, Equatable {
        public let code: String
        public let name: String
        public let acceptedFit: String
    }

    public struct Detail: Sendable, Equatable {
        public let summary: Summary
        public let description: String
        public let centreName: String
        public let minEducation: String
        public let minTitle: String
        public let minExperience: Int
        public let serviceYears: Int?
        public let specialties: [Requirement]
        public let incentives: [Incentive]
        public let householdRules: [HouseholdRule]
        public let hardshipCategory: Int?
        /// The post as the eligibility rules see it.
        public let profile: VacancyProfile
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The designations in force, per region prefix, as one SQL fragment shared by both queries.
    private static let designations = """
        SELECT v.id, array_agg(DISTINCT l.kind ORDER BY l.kind) AS kinds,
               max(CASE WHEN l.kind = 'hardship_area' THEN d.category END) AS hardship
        FROM vacancies v
        CROSS JOIN LATERAL (VALUES (left(v.region_code, 2)), (left(v.region_code, 4)), (v.region_code)) AS pre(prefix)
        JOIN regions r ON r.prefix = pre.prefix
        JOIN region_designations d ON d.region_code = r.code
        JOIN designation_lists l ON l.id = d.list_id AND l.in_force
        GROUP BY v.id
        """

    public func browse(_ filter: Filter, limit: Int = 100) async throws -> [Summary] {
        let regionPrefix = filter.region.map { $0.replacingOccurrences(of: #"(00)+$"#, with: "", options: .regularExpression) }
        let rows = try await database.query(
            """
            WITH g AS (\(unescaped: Self.designations))
            SELECT v.id, v.title, v.region_code, r.name, v.seats, v.staffing_type, v.accepted_modes,
                   coalesce((SELECT array_agg(i.kind ORDER BY i.kind) FROM vacancy_incentives i WHERE i.vacancy_id = v.id), '{}'),
                   coalesce(g.kinds, '{}'), v.status
            FROM vacancies v JOIN regions r ON r.code = v.region_code LEFT JOIN g ON g.id = v.id
            WHERE v.status = 'open'
              AND (\(regionPrefix)::text IS NULL OR v.region_code LIKE \(regionPrefix) || '%')
              AND (\(filter.specialty)::text IS NULL OR EXISTS (
                    SELECT 1 FROM vacancy_specialties s WHERE s.vacancy_id = v.id AND s.specialty_code LIKE \(filter.specialty) || '%'))
              AND (\(filter.designation)::text IS NULL OR \(filter.designation) = ANY(g.kinds))
              AND (\(filter.mode)::text IS NULL OR \(filter.mode) = ANY(v.accepted_modes))
              AND (\(filter.incentive)::text IS NULL OR EXISTS (
                    SELECT 1 FROM vacancy_incentives i WHERE i.vacancy_id = v.id AND i.kind = \(filter.incentive)))
            ORDER BY v.id LIMIT \(limit)
            """,
            logger: database.logger
        )
        return try await rows.decode((Int64, String, String, String, Int, String, [String], [String], [String], String).self)
            .reduce(into: []) {
                $0.append(Summary(id: $1.0, title: $1.1, regionCode: $1.2, regionName: $1.3, seats: $1.4, staffingType: $1.5,
                                  modes: $1.6, incentives: $1.7, designations: $1.8, status: $1.9))
            }
    }

    /// Any post that exists and is not a draft (a closed post is shown as closed); nil otherwise.
    public func detail(id: Int64) async throws -> Detail? {
        let rows = try await database.query(
            """
            WITH g AS (\(unescaped: Self.designations))
            SELECT v.id, v.title, v.region_code, r.name, v.seats, v.staffing_type, v.accepted_modes, coalesce(g.kinds, '{}'), v.status,
                   v.description, c.name, v.min_education, v.min_title, v.min_experience_years::int, v.service_years::int,
                   coalesce(g.hardship, 0)::int
            FROM vacancies v JOIN regions r ON r.code = v.region_code JOIN centres c ON c.id = v.centre_id LEFT JOIN g ON g.id = v.id
            WHERE v.id = \(id) AND v.status <> 'draft'
            """,
            logger: database.logger
        )
        for try await row in rows.decode(
            (Int64, String, String, String, Int, String, [String], [String], String, String, String, String, String, Int, Int?, Int).self
        ) {
            let specialties = try await requirements(id)
            let incentives = try await incentiveList(id)
            let rules = try await householdRules(id)
            let summary = Summary(id: row.0, title: row.1, regionCode: row.2, regionName: row.3, seats: row.4, staffingType: row.5,
                                  modes: row.6, incentives: incentives.map(\.kind), designations: row.7, status: row.8)
            let profile = VacancyProfile(
                id: NightlySnapshot.vacancyKey(id), region: RegionCode(row.2), seats: row.4,
                requiredSpecialties: specialties.compactMap { requirement in
                    SpecialtyCode(requirement.code).flatMap { code in
                        SpecialtyFitCode(rawValue: requirement.acceptedFit).map { SpecialtyRequirement(code: code, accepted: $0.acceptedFits) }
                    }
                },
                minimumEducation: EducationCode(rawValue: row.11)?.level, minimumTitle: TitleCode(rawValue: row.12)?.title,
                minimumExperience: row.13, acceptedModes: Set(row.6.compactMap { IntroductionModeCode(rawValue: $0)?.mode }),
                householdRules: rules.compactMap { rule in
                    guard let kind = HouseholdRuleKindCode(rawValue: rule.kind), let region = RegionCode(rule.regionCode) else { return nil }
                    return try? HouseholdRegistrationRule(region: region, legalBasis: rule.legalBasis, kind: kind.kind)
                },
                hardshipCategory: row.15 == 0 ? nil : row.15
            )
            return Detail(
                summary: summary, description: row.9, centreName: row.10, minEducation: row.11, minTitle: row.12,
                minExperience: row.13, serviceYears: row.14, specialties: specialties, incentives: incentives,
                householdRules: rules, hardshipCategory: row.15 == 0 ? nil : row.15, profile: profile
            )
        }
        return nil
    }

    private func requirements(_ id: Int64) async throws -> [Requirement] {
        let rows = try await database.query(
            """
            SELECT q.specialty_code, s.name, q.accepted_fit FROM vacancy_specialties q JOIN specialties s ON s.code = q.specialty_code
            WHERE q.vacancy_id = \(id) ORDER BY q.specialty_code
            """,
            logger: database.logger
        )
        return try await rows.decode((String, String, String).self).reduce(into: []) {
            $0.append(Requirement(code: $1.0, name: $1.1, acceptedFit: $1.2))
        }
    }

    private func incentiveList(_ id: Int64) async throws -> [Incentive] {
        let rows = try await database.query(
            "SELECT kind, amount_yuan, note FROM vacancy_incentives WHERE vacancy_id = \(id) ORDER BY kind", logger: database.logger
        )
        return try await rows.decode((String, Int?, String).self).reduce(into: []) {
            $0.append(Incentive(kind: $1.0, amountYuan: $1.1, note: $1.2))
        }
    }

    private func householdRules(_ id: Int64) async throws -> [HouseholdRule] {
        let rows = try await database.query(
            """
            SELECT h.kind, h.region_code, r.name, h.legal_basis FROM vacancy_household_rules h JOIN regions r ON r.code = h.region_code
            WHERE h.vacancy_id = \(id) ORDER BY h.id
            """,
            logger: database.logger
        )
        return try await rows.decode((String, String, String, String).self).reduce(into: []) {
            $0.append(HouseholdRule(kind: $1.0, regionCode: $1.1, regionName: $1.2, legalBasis: $1.3))
        }
    }
}
