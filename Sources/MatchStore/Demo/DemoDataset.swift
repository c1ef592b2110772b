import Logging
import PostgresNIO

/// A small, realistic dataset for `talentmatch demo`: one prefecture office (巴中), two
/// centres, eight township vacancies in the six scarce specialties, and 24 candidates.
///
/// The people are fictional; the region and specialty codes are real. Loading is one
/// transaction and idempotent: a second load finds the demo office and does nothing.
public struct DemoDataset: Sendable {
    public static let officeCode = "BZ-HR"
    /// The prefecture's talent exchange centre, whose posts the demo centre token sees.
    public static let centreCode = "BZ-CENTRE"

    /// What a load did.
    public struct Summary: Sendable, Equatable {
        public var offices = 0, centres = 0, vacancies = 0, seats = 0, candidates = 0, rankings = 0
        public var alreadyLoaded = false
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func load() async throws -> Summary {
        let logger = database.logger
        return try await database.transaction { connection in
            let existing = try await connection.query("SELECT 1 FROM offices WHERE code = \(Self.officeCode)", logger: logger)
            for try await _ in existing { return Summary(alreadyLoaded: true) }
            try await insertOrganisations(connection)
            try await insertVacancies(connection)
            try await insertCandidates(connection)
            try await insertRankings(connection)
            let vacancies = DemoVacancy.all
            return Summary(
                offices: 1, centres: 2, vacancies: vacancies.count, seats: vacancies.map(\.seats).reduce(0, +),
                candidates: DemoCandidate.all.count, rankings: DemoCandidate.all.filter { !$0.ranking.isEmpty }.count
            )
        }
    }

    private func insertOrganisations(_ connection: PostgresConnection) async throws {
        let logger = database.logger
        try await connection.query(
            "INSERT INTO offices (code, name, region_code) VALUES (\(Self.officeCode), '巴中市人力资源和社会保障局', '511900')",
            logger: logger
        )
        try await connection.query(
            """
            INSERT INTO centres (office_id, code, name, region_code)
            SELECT o.id, c.code, c.name, c.region FROM offices o,
                (VALUES ('BZ-CENTRE', '巴中市人才交流中心', '511900'), ('TJ-CENTRE', '通江县人才交流中心', '511921')) AS c(code, name, region)
            WHERE o.code = \(Self.officeCode)
            """,
            logger: logger
        )
    }

    private func insertVacancies(_ connection: PostgresConnection) async throws {
        let logger = database.logger
        let all = DemoVacancy.all
        try await connection.query(
            """
            INSERT INTO vacancies (centre_id, external_id, title, region_code, seats, target, staffing_type,
                                   min_education, accepted_modes, service_years, status)
            SELECT c.id, v.ext, v.title, v.region, v.seats, NULLIF(v.target, -1), v.staffing, v.education,
                   string_to_array(v.modes, ','), NULLIF(v.years, 0), 'open'
            FROM UNNEST(\(all.map(\.centre))::text[], \(all.map(\.externalID))::text[], \(all.map(\.title))::text[],
                        \(all.map(\.region))::text[], \(all.map(\.seats))::int[], \(all.map { $0.target ?? -1 })::int[],
                        \(all.map(\.staffing))::text[], \(all.map(\.minEducation))::text[],
                        \(all.map { $0.modes.joined(separator: ",") })::text[], \(all.map(\.serviceYears))::int[])
                 WITH ORDINALITY AS v(centre, ext, title, region, seats, target, staffing, education, modes, years, n)
            JOIN centres c ON c.code = v.centre
            ORDER BY v.n
            """,
            logger: logger
        )
        let specialties = all.flatMap { v in v.specialties.map { (v.externalID, $0.code, $0.fit) } }
        try await connection.query(
            """
            INSERT INTO vacancy_specialties (vacancy_id, specialty_code, accepted_fit)
            SELECT v.id, s.code, s.fit
            FROM UNNEST(\(specialties.map(\.0))::text[], \(specialties.map(\.1))::text[], \(specialties.map(\.2))::text[]) AS s(ext, code, fit)
            JOIN vacancies v ON v.external_id = s.ext
            """,
            logger: logger
        )
        let incentives = all.flatMap { v in v.incentives.map { (v.externalID, $0.kind, $0.amount ?? 0, $0.note) } }
        try await connection.query(
            """
            INSERT INTO vacancy_incentives (vacancy_id, kind, amount_yuan, note)
            SELECT v.id, i.kind, NULLIF(i.amount, 0), i.note
            FROM UNNEST(\(incentives.map(\.0))::text[], \(incentives.map(\.1))::text[], \(incentives.map(\.2))::int[],
                        \(incentives.map(\.3))::text[]) AS i(ext, kind, amount, note)
            JOIN vacancies v ON v.external_id = i.ext
            """,
            logger: logger
        )
        let rules = all.flatMap { v in v.householdRules.map { (v.externalID, $0.kind, $0.region, $0.basis) } }
        try await connection.query(
            """
            INSERT INTO vacancy_household_rules (vacancy_id, kind, region_code, legal_basis)
            SELECT v.id, r.kind, r.region, r.basis
            FROM UNNEST(\(rules.map(\.0))::text[], \(rules.map(\.1))::text[], \(rules.map(\.2))::text[], \(rules.map(\.3))::text[])
                 AS r(ext, kind, region, basis)
            JOIN vacancies v ON v.external_id = r.ext
            """,
            logger: logger
        )
    }

    private func insertCandidates(_ connection: PostgresConnection) async throws {
        let logger = database.logger
        let all = DemoCandidate.all
        try await connection.query(
            """
            INSERT INTO candidates (full_name, contact, education, title, experience_years, hukou_region_code,
                                    current_region_code, accepted_modes, programmes, hardship_willing)
            SELECT c.name, c.contact, c.education, c.title, c.years, c.hukou, c.current,
                   string_to_array(c.modes, ','), COALESCE(string_to_array(NULLIF(c.programmes, ''), ','), '{}'), c.hardship
            FROM UNNEST(\(all.map(\.name))::text[], \(all.map(\.contact))::text[], \(all.map(\.education))::text[],
                        \(all.map(\.title))::text[], \(all.map(\.experienceYears))::int[], \(all.map(\.hukou))::text[],
                        \(all.map(\.current))::text[], \(all.map { $0.modes.joined(separator: ",") })::text[],
                        \(all.map { $0.programmes.joined(separator: ",") })::text[], \(all.map(\.hardshipWilling))::bool[])
                 WITH ORDINALITY AS c(name, contact, education, title, years, hukou, current, modes, programmes, hardship, n)
            ORDER BY c.n
            """,
            logger: logger
        )
        try await connection.query(
            """
            INSERT INTO candidate_specialties (candidate_id, specialty_code, position)
            SELECT c.id, s.code, 1 FROM UNNEST(\(all.map(\.contact))::text[], \(all.map(\.specialty))::text[]) AS s(contact, code)
            JOIN candidates c ON c.contact = s.contact
            """,
            logger: logger
        )
        try await connection.query(
            """
            INSERT INTO candidate_consents (candidate_id, purpose)
            SELECT c.id, p.purpose FROM candidates c CROSS JOIN (VALUES ('matching'), ('sensitive_data')) AS p(purpose)
            WHERE c.contact = ANY(\(all.map(\.contact))::text[])
            """,
            logger: logger
        )
    }

    private func insertRankings(_ connection: PostgresConnection) async throws {
        let logger = database.logger
        let ranked = DemoCandidate.all.filter { !$0.ranking.isEmpty }
        try await connection.query(
            """
            INSERT INTO rankings (candidate_id, version)
            SELECT id, 1 FROM candidates WHERE contact = ANY(\(ranked.map(\.contact))::text[])
            """,
            logger: logger
        )
        let entries = ranked.flatMap { c in c.ranking.enumerated().map { (c.contact, $0.offset + 1, $0.element) } }
        try await connection.query(
            """
            INSERT INTO ranking_entries (ranking_id, rank, vacancy_id)
            SELECT r.id, e.rank, v.id
            FROM UNNEST(\(entries.map(\.0))::text[], \(entries.map(\.1))::int[], \(entries.map(\.2))::text[]) AS e(contact, rank, ext)
            JOIN candidates c ON c.contact = e.contact
            JOIN rankings r ON r.candidate_id = c.id AND r.version = 1
            JOIN vacancies v ON v.external_id = e.ext
            """,
            logger: logger
        )
    }
}
