import PostgresNIO

extension SeedRowWriter {
    /// Vacancies get ids base+1…base+n in seed order, open, with their requirements and
    /// incentives; returns base.
    func insertVacancies(_ vacancies: [MarketSeed.Vacancy], centres: [String: Int64]) async throws -> Int64 {
        let base = try await idBase("vacancies", count: vacancies.count)
        for start in stride(from: 0, to: vacancies.count, by: MarketSeeder.batch) {
            let slice = vacancies[start..<min(start + MarketSeeder.batch, vacancies.count)]
            let ids = slice.indices.map { base + Int64($0) + 1 }
            let drafts = slice.map(\.draft)
            try await connection.query(
                """
                INSERT INTO vacancies (id, centre_id, external_id, title, description, region_code, seats, target, staffing_type,
                                       min_education, min_title, min_experience_years, accepted_modes, service_years, status)
                OVERRIDING SYSTEM VALUE
                SELECT id, centre, ext, title, description, region, seats, NULLIF(target, -1), staffing, education, min_title,
                       experience, string_to_array(modes, ','), NULLIF(years, -1), 'open'
                FROM UNNEST(\(ids)::int8[], \(slice.map { centres[$0.centreCode] ?? 0 })::int8[], \(drafts.map(\.externalID))::text[],
                            \(drafts.map(\.title))::text[], \(drafts.map(\.description))::text[], \(drafts.map(\.regionCode))::text[],
                            \(drafts.map(\.seats))::int[], \(drafts.map { $0.target ?? -1 })::int[], \(drafts.map(\.staffingType))::text[],
                            \(drafts.map(\.minEducation))::text[], \(drafts.map(\.minTitle))::text[], \(drafts.map(\.minExperienceYears))::int[],
                            \(drafts.map { $0.acceptedModes.joined(separator: ",") })::text[], \(drafts.map { $0.serviceYears ?? -1 })::int[])
                     AS v(id, centre, ext, title, description, region, seats, target, staffing, education, min_title, experience,
                          modes, years)
                """,
                logger: logger
            )
            try await insertRequirements(drafts, ids: ids)
            progress("vacancies: \(start + slice.count) of \(vacancies.count)")
        }
        try await finishIDs("vacancies")
        return base
    }

    private func insertRequirements(_ drafts: [VacancyDraft], ids: [Int64]) async throws {
        let specialties = zip(ids, drafts).flatMap { id, vacancy in vacancy.specialties.map { (id, $0) } }
        try await connection.query(
            """
            INSERT INTO vacancy_specialties (vacancy_id, specialty_code, accepted_fit)
            SELECT * FROM UNNEST(\(specialties.map(\.0))::int8[], \(specialties.map(\.1.code))::text[],
                                 \(specialties.map(\.1.acceptedFit))::text[])
            """,
            logger: logger
        )
        let incentives = zip(ids, drafts).flatMap { id, vacancy in vacancy.incentives.map { (id, $0) } }
        if !incentives.isEmpty {
            try await connection.query(
                """
                INSERT INTO vacancy_incentives (vacancy_id, kind, amount_yuan, note)
                SELECT id, kind, NULLIF(amount, -1), note
                FROM UNNEST(\(incentives.map(\.0))::int8[], \(incentives.map(\.1.kind))::text[],
                            \(incentives.map { $0.1.amountYuan ?? -1 })::int[], \(incentives.map(\.1.note))::text[])
                     AS i(id, kind, amount, note)
                """,
                logger: logger
            )
        }
        let rules = zip(ids, drafts).flatMap { id, vacancy in vacancy.householdRules.map { (id, $0) } }
        if !rules.isEmpty {
            try await connection.query(
                """
                INSERT INTO vacancy_household_rules (vacancy_id, kind, region_code, legal_basis)
                SELECT * FROM UNNEST(\(rules.map(\.0))::int8[], \(rules.map(\.1.kind))::text[], \(rules.map(\.1.regionCode))::text[],
                                     \(rules.map(\.1.legalBasis))::text[])
                """,
                logger: logger
            )
        }
    }
}
