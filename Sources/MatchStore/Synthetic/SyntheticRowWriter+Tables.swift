import PostgresNIO

extension SyntheticRowWriter {
    /// Vacancies get ids base+1…base+n in plan order; returns base.
    func insertVacancies(_ vacancies: [SyntheticMarketPlan.Vacancy], centres: [String: Int64]) async throws -> Int64 {
        let base = try await nextBase("vacancies")
        for start in stride(from: 0, to: vacancies.count, by: SyntheticDatasetLoader.batch) {
            let slice = vacancies[start..<min(start + SyntheticDatasetLoader.batch, vacancies.count)]
            let ids = slice.indices.map { base + Int64($0) + 1 }
            let centreIDs = slice.map { centres[String($0.county.prefix(2))] ?? 0 }
            try await connection.query(
                """
                INSERT INTO vacancies (id, centre_id, external_id, title, region_code, seats, target, staffing_type,
                                       min_education, accepted_modes, status)
                OVERRIDING SYSTEM VALUE
                SELECT id, centre, 'SYN-' || id, '合成岗位 ' || id, county, seats, seats, 'institution', education,
                       string_to_array(modes, ','), 'open'
                FROM UNNEST(\(ids)::int8[], \(centreIDs)::int8[], \(slice.map(\.county))::text[], \(slice.map(\.seats))::int[],
                            \(slice.map(\.minEducation))::text[], \(slice.map { $0.modes.joined(separator: ",") })::text[])
                     AS v(id, centre, county, seats, education, modes)
                """,
                logger: logger
            )
            try await connection.query(
                """
                INSERT INTO vacancy_specialties (vacancy_id, specialty_code, accepted_fit)
                SELECT * FROM UNNEST(\(ids)::int8[], \(slice.map(\.specialty))::text[], \(slice.map(\.acceptedFit))::text[])
                """,
                logger: logger
            )
            progress("vacancies: \(start + slice.count) of \(vacancies.count)")
        }
        try await advanceSequence("vacancies")
        return base
    }

    /// Candidates get ids base+1…base+n in plan order, with both consents; returns base.
    func insertCandidates(_ candidates: [SyntheticMarketPlan.Candidate]) async throws -> Int64 {
        let base = try await nextBase("candidates")
        for start in stride(from: 0, to: candidates.count, by: SyntheticDatasetLoader.batch) {
            let slice = candidates[start..<min(start + SyntheticDatasetLoader.batch, candidates.count)]
            let ids = slice.indices.map { base + Int64($0) + 1 }
            try await connection.query(
                """
                INSERT INTO candidates (id, full_name, contact, education, title, experience_years, hukou_region_code,
                                        current_region_code, accepted_modes, hardship_willing)
                OVERRIDING SYSTEM VALUE
                SELECT id, '合成人才 ' || id, 'syn' || id || '@example.invalid', education, title, years, hukou, hukou,
                       string_to_array(modes, ','), hardship
                FROM UNNEST(\(ids)::int8[], \(slice.map(\.education))::text[], \(slice.map(\.title))::text[],
                            \(slice.map(\.years))::int[], \(slice.map(\.hukou))::text[],
                            \(slice.map { $0.modes.joined(separator: ",") })::text[], \(slice.map(\.hardship))::bool[])
                     AS c(id, education, title, years, hukou, modes, hardship)
                """,
                logger: logger
            )
            try await connection.query(
                """
                INSERT INTO candidate_specialties (candidate_id, specialty_code, position)
                SELECT id, code, 1 FROM UNNEST(\(ids)::int8[], \(slice.map(\.specialty))::text[]) AS s(id, code)
                """,
                logger: logger
            )
            try await connection.query(
                """
                INSERT INTO candidate_consents (candidate_id, purpose)
                SELECT id, purpose FROM UNNEST(\(ids)::int8[]) AS id CROSS JOIN (VALUES ('matching'), ('sensitive_data')) AS p(purpose)
                """,
                logger: logger
            )
            progress("candidates: \(start + slice.count) of \(candidates.count)")
        }
        try await advanceSequence("candidates")
        return base
    }

    /// One ranking (version 1) per candidate with a non-empty list; returns the entries written.
    func insertRankings(_ candidates: [SyntheticMarketPlan.Candidate], candidateBase: Int64, vacancyBase: Int64) async throws -> Int {
        let rankingBase = try await nextBase("rankings")
        var written = 0
        var rankingIDs: [Int64] = [], owners: [Int64] = []
        var entryRanking: [Int64] = [], entryRank: [Int32] = [], entryVacancy: [Int64] = []
        func flush() async throws {
            guard !rankingIDs.isEmpty else { return }
            try await connection.query(
                """
                INSERT INTO rankings (id, candidate_id, version) OVERRIDING SYSTEM VALUE
                SELECT id, owner, 1 FROM UNNEST(\(rankingIDs)::int8[], \(owners)::int8[]) AS r(id, owner)
                """,
                logger: logger
            )
            try await connection.query(
                """
                INSERT INTO ranking_entries (ranking_id, rank, vacancy_id)
                SELECT * FROM UNNEST(\(entryRanking)::int8[], \(entryRank)::int4[], \(entryVacancy)::int8[])
                """,
                logger: logger
            )
            written += entryRanking.count
            progress("ranking entries: \(written)")
            rankingIDs.removeAll(keepingCapacity: true); owners.removeAll(keepingCapacity: true)
            entryRanking.removeAll(keepingCapacity: true); entryRank.removeAll(keepingCapacity: true)
            entryVacancy.removeAll(keepingCapacity: true)
        }
        for (index, candidate) in candidates.enumerated() where !candidate.ranking.isEmpty {
            let id = rankingBase + Int64(index) + 1
            rankingIDs.append(id)
            owners.append(candidateBase + Int64(index) + 1)
            for (position, vacancy) in candidate.ranking.enumerated() {
                entryRanking.append(id)
                entryRank.append(Int32(position + 1))
                entryVacancy.append(vacancyBase + Int64(vacancy) + 1)
            }
            if entryRanking.count >= SyntheticDatasetLoader.batch * 4 { try await flush() }
        }
        try await flush()
        try await advanceSequence("rankings")
        return written
    }
}
