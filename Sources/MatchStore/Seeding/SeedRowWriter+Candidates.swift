import PostgresNIO

extension SeedRowWriter {
    /// Candidates get ids base+1…base+n in seed order, with their specialties and both
    /// consents; returns base.
    func insertCandidates(_ candidates: [CandidateProfileRecord]) async throws -> Int64 {
        let base = try await idBase("candidates", count: candidates.count)
        for start in stride(from: 0, to: candidates.count, by: MarketSeeder.batch) {
            let slice = candidates[start..<min(start + MarketSeeder.batch, candidates.count)]
            let ids = slice.indices.map { base + Int64($0) + 1 }
            try await connection.query(
                """
                INSERT INTO candidates (id, full_name, contact, education, title, experience_years, hukou_region_code, hukou_type,
                                        current_region_code, accepted_modes, programmes, hardship_willing)
                OVERRIDING SYSTEM VALUE
                SELECT id, name, contact, education, title, years, NULLIF(hukou, ''), NULLIF(hukou_type, ''), NULLIF(current, ''),
                       string_to_array(modes, ','), coalesce(string_to_array(NULLIF(programmes, ''), ','), '{}'), hardship
                FROM UNNEST(\(ids)::int8[], \(slice.map(\.fullName))::text[], \(slice.map(\.contact))::text[],
                            \(slice.map(\.education))::text[], \(slice.map(\.title))::text[], \(slice.map(\.experienceYears))::int[],
                            \(slice.map { $0.hukouRegion ?? "" })::text[], \(slice.map { $0.hukouType ?? "" })::text[],
                            \(slice.map { $0.currentRegion ?? "" })::text[],
                            \(slice.map { $0.acceptedModes.joined(separator: ",") })::text[],
                            \(slice.map { $0.programmes.joined(separator: ",") })::text[], \(slice.map(\.hardshipWilling))::bool[])
                     AS c(id, name, contact, education, title, years, hukou, hukou_type, current, modes, programmes, hardship)
                """,
                logger: logger
            )
            try await insertSpecialtiesAndConsents(slice, ids: ids)
            progress("candidates: \(start + slice.count) of \(candidates.count)")
        }
        try await finishIDs("candidates")
        return base
    }

    private func insertSpecialtiesAndConsents(_ slice: ArraySlice<CandidateProfileRecord>, ids: [Int64]) async throws {
        let specialties = zip(ids, slice).flatMap { id, candidate in
            candidate.specialties.enumerated().map { (id, $0.element, Int32($0.offset + 1)) }
        }
        try await connection.query(
            """
            INSERT INTO candidate_specialties (candidate_id, specialty_code, position)
            SELECT * FROM UNNEST(\(specialties.map(\.0))::int8[], \(specialties.map(\.1))::text[], \(specialties.map(\.2))::int4[])
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
    }

    /// One ranking (version 1) per candidate with a non-empty list; returns the entries written.
    /// - Parameter existing: ids of posts already in the database, which positions from the
    ///   seed's own vacancy count on refer to (`MarketSeed.existingVacancies`).
    func insertRankings(_ rankings: [[Int32]], candidateBase: Int64, vacancyBase: Int64, ownVacancies: Int, existing: [Int64] = []) async throws -> Int {
        let rankingBase = try await idBase("rankings", count: rankings.count)
        var written = 0
        var batch = RankingBatch()
        for (index, ranking) in rankings.enumerated() where !ranking.isEmpty {
            batch.add(id: rankingBase + Int64(index) + 1, owner: candidateBase + Int64(index) + 1, ranking) { position in
                position < ownVacancies ? vacancyBase + Int64(position) + 1 : existing[position - ownVacancies]
            }
            if batch.entryRanking.count >= MarketSeeder.batch * 4 {
                written += try await flush(&batch)
                progress("ranking entries: \(written)")
            }
        }
        written += try await flush(&batch)
        progress("ranking entries: \(written)")
        try await finishIDs("rankings")
        return written
    }

    private func flush(_ batch: inout RankingBatch) async throws -> Int {
        guard !batch.rankingIDs.isEmpty else { return 0 }
        try await connection.query(
            """
            INSERT INTO rankings (id, candidate_id, version) OVERRIDING SYSTEM VALUE
            SELECT id, owner, 1 FROM UNNEST(\(batch.rankingIDs)::int8[], \(batch.owners)::int8[]) AS r(id, owner)
            """,
            logger: logger
        )
        try await connection.query(
            """
            INSERT INTO ranking_entries (ranking_id, rank, vacancy_id)
            SELECT * FROM UNNEST(\(batch.entryRanking)::int8[], \(batch.entryRank)::int4[], \(batch.entryVacancy)::int8[])
            """,
            logger: logger
        )
        let written = batch.entryRanking.count
        batch = RankingBatch()
        return written
    }
}

/// Rankings and their entries, as bind arrays for one statement each.
private struct RankingBatch {
    var rankingIDs: [Int64] = [], owners: [Int64] = []
    var entryRanking: [Int64] = [], entryRank: [Int32] = [], entryVacancy: [Int64] = []

    mutating func add(id: Int64, owner: Int64, _ ranking: [Int32], vacancyID: (Int) -> Int64) {
        rankingIDs.append(id)
        owners.append(owner)
        for (position, vacancy) in ranking.enumerated() {
            entryRanking.append(id)
            entryRank.append(Int32(position + 1))
            entryVacancy.append(vacancyID(Int(vacancy)))
        }
    }
}
