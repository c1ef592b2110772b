import PostgresNIO

extension SeedRowWriter {
    /// A seed's couples, the way the gateway makes them: each starts as the first member's
    /// invitation of the second by contact and is then confirmed, so the database's own rules
    /// (nobody in two couples, both consents, the freeze) admit every one and fill
    /// `couple_members`; then each couple's joint ranking as its first version, submitted by the
    /// inviter and checked by the entries' trigger (one market, none frozen). Returns how many
    /// pairs were written.
    func insertCouples(_ couples: [MarketSeed.Couple], contacts: [String], candidateBase: Int64, vacancyBase: Int64) async throws -> Int {
        guard !couples.isEmpty else { return 0 }
        var written = 0
        for start in stride(from: 0, to: couples.count, by: MarketSeeder.batch / 10) {
            let batch = couples[start..<min(start + MarketSeeder.batch / 10, couples.count)]
            let coupleIDs = try await inviteAndConfirm(batch, contacts: contacts, candidateBase: candidateBase)
            written += try await insertJointRankings(batch, coupleIDs: coupleIDs, candidateBase: candidateBase, vacancyBase: vacancyBase)
            progress("couples: \(start + batch.count) of \(couples.count)")
        }
        return written
    }

    /// Invites and confirms a batch of couples; returns their ids in the batch's order.
    private func inviteAndConfirm(_ couples: ArraySlice<MarketSeed.Couple>, contacts: [String], candidateBase: Int64) async throws -> [Int64] {
        let rows = try await connection.query(
            """
            INSERT INTO couples (inviter_id, invitee_id, invitee_contact)
            SELECT inviter, invitee, contact FROM UNNEST(\(couples.map { candidateBase + Int64($0.first) + 1 })::int8[],
                                                         \(couples.map { candidateBase + Int64($0.second) + 1 })::int8[],
                                                         \(couples.map { contacts[$0.second] })::text[])
                WITH ORDINALITY AS c(inviter, invitee, contact, n)
            ORDER BY n
            RETURNING id
            """,
            logger: logger
        )
        var ids: [Int64] = []
        for try await id in rows.decode(Int64.self) { ids.append(id) }
        try await connection.query(
            "UPDATE couples SET status = 'confirmed', confirmed_at = now() WHERE id = ANY(\(ids)::int8[])", logger: logger
        )
        return ids
    }

    private func insertJointRankings(
        _ couples: ArraySlice<MarketSeed.Couple>, coupleIDs: [Int64], candidateBase: Int64, vacancyBase: Int64
    ) async throws -> Int {
        let rows = try await connection.query(
            """
            INSERT INTO couple_rankings (couple_id, version, submitted_by)
            SELECT couple, 1, inviter FROM UNNEST(\(coupleIDs)::int8[], \(couples.map { candidateBase + Int64($0.first) + 1 })::int8[])
                WITH ORDINALITY AS c(couple, inviter, n)
            ORDER BY n
            RETURNING id
            """,
            logger: logger
        )
        var rankingIDs: [Int64] = []
        for try await id in rows.decode(Int64.self) { rankingIDs.append(id) }
        var ranking: [Int64] = [], rank: [Int32] = [], first: [Int64] = [], second: [Int64] = []
        for (couple, rankingID) in zip(couples, rankingIDs) {
            for (place, pair) in couple.pairs.enumerated() {
                ranking.append(rankingID)
                rank.append(Int32(place + 1))
                first.append(vacancyBase + Int64(pair.first) + 1)
                second.append(vacancyBase + Int64(pair.second) + 1)
            }
        }
        try await connection.query(
            """
            INSERT INTO couple_ranking_entries (ranking_id, rank, first_vacancy_id, second_vacancy_id)
            SELECT * FROM UNNEST(\(ranking)::int8[], \(rank)::int2[], \(first)::int8[], \(second)::int8[])
            """,
            logger: logger
        )
        return ranking.count
    }
}
