import Logging
import PostgresNIO

/// The statements that put messages in the outbox, inside the transaction of the event that
/// causes them, for the rooms that make those events (ADR 0042). A message exists if and
/// only if its event committed; the outbox's unique key (event, recipient, channel) makes a
/// second write of the same event a no-op.
///
/// Offer and review messages go to the candidate's `message_channels` (the chosen channels
/// with a verified address), optional kinds only when the candidate has not turned them off;
/// account messages go to the one address the event names.
///
/// Hooks ready for other issues: `offerReinstated` (the offer lifecycle, issue 16) and
/// `coupleInvitation` (couples, issue 17) are written and tested here, called by no store yet.
enum OutboxWrites {
    /// A night's offers are released: one row stands for all their messages, written before
    /// the offers in the night's transaction (ADR 0047). It records the highest offer id
    /// given out so far; every offer of this run gets a higher one, so the worker writes the
    /// messages of the offers after it, by primary key, in batches of its own transactions.
    /// Writing 300,000 messages inside the night made the national night 1.3 times as long.
    static func releasedOffers(runID: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.queryOpen(
            """
            INSERT INTO outbox_releases (run_id, after_offer_id)
            SELECT \(runID), coalesce(max(id), 0) FROM offers
            ON CONFLICT DO NOTHING
            """,
            logger: logger
        )
    }

    /// Tells each candidate of the offers `offers` selects (a query returning `id` and
    /// `candidate_id`, typically a CTE over an UPDATE … RETURNING) about them as `kind`;
    /// returns how many offers it read.
    static func tellAboutOffers(
        _ kind: MessageKindCode, offers: PostgresQuery, on connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        var query = offers
        query.sql = """
            WITH told AS (\(query.sql)),
            written AS (
                INSERT INTO outbox_messages (kind, subject_id, candidate_id, channel)
                SELECT '\(kind.rawValue)', t.id, t.candidate_id, ch
                FROM told t JOIN candidates c ON c.id = t.candidate_id, unnest(c.message_channels) ch
                WHERE NOT ('\(kind.rawValue)' = ANY (c.muted_messages))
                ON CONFLICT DO NOTHING
            )
            SELECT count(*) FROM told
            """
        let rows = try await connection.queryOpen(query, logger: logger)
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    /// One message per channel of the candidate about one subject (a review request, an
    /// invitation, an offer), unless the kind is optional and turned off.
    static func tellCandidate(
        _ kind: MessageKindCode, subject: Int64, candidateID: Int64, payload: String = "{}",
        on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.queryOpen(
            """
            INSERT INTO outbox_messages (kind, subject_id, candidate_id, channel, payload)
            SELECT \(kind.rawValue), \(subject), c.id, ch, \(payload)::jsonb
            FROM candidates c, unnest(c.message_channels) ch
            WHERE c.id = \(candidateID) AND NOT (\(kind.rawValue) = ANY (c.muted_messages))
            ON CONFLICT DO NOTHING
            """,
            logger: logger
        )
    }

    /// An account message to the one address the event concerns (a code to the contact it
    /// verifies, a notice to the sign-in contact), on that address's channel.
    static func tellAddress(
        _ kind: MessageKindCode, subject: Int64, candidateID: Int64, address: String, payload: String = "{}",
        on connection: PostgresConnection, logger: Logger
    ) async throws {
        let channel = MessageChannelCode(address: address)
        try await connection.queryOpen(
            """
            INSERT INTO outbox_messages (kind, subject_id, candidate_id, channel, address, payload)
            VALUES (\(kind.rawValue), \(subject), \(candidateID), \(channel.rawValue), \(address), \(payload)::jsonb)
            ON CONFLICT DO NOTHING
            """,
            logger: logger
        )
    }

    /// The night's result, to every active staff member of each office in the run's market
    /// who has a contact and has not turned the result off: written with the run, committed or
    /// failed (a night the engine refused has no office parts, and its offices are told too).
    static func nightResult(runID: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.queryOpen(
            """
            WITH run AS (SELECT r.id, o.id AS office_id FROM match_runs r JOIN offices o ON o.market_id = r.market_id WHERE r.id = \(runID))
            \(unescaped: nightResultOf("run"))
            """,
            logger: logger
        )
    }

    /// The statement of `nightResult` over `runs`, a CTE with the columns `id` (the run) and
    /// `office_id` (one of its offices).
    static func nightResultOf(_ runs: String) -> String {
        """
        INSERT INTO outbox_messages (kind, subject_id, staff_account_id, channel)
        SELECT 'night_result', r.id, s.id, CASE WHEN position('@' IN s.contact) > 0 THEN 'email' ELSE 'sms' END
        FROM \(runs) r JOIN staff_accounts s ON s.office_id = r.office_id
        WHERE s.active AND s.night_results AND s.contact IS NOT NULL
        ON CONFLICT DO NOTHING
        """
    }

    /// A rerun withdrew `offers` of the run it replaces: each candidate is told, unless the
    /// rerun (`runID`, its offers already written) offers them the same post again, in which
    /// case its new offer's message is the news.
    static func supersededOffers(_ offers: [Int64], by runID: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        let withdrawn: PostgresQuery = """
            SELECT old.id, old.candidate_id FROM offers old
            WHERE old.id = ANY (\(offers)::int8[])
              AND NOT EXISTS (SELECT 1 FROM offers n WHERE n.candidate_id = old.candidate_id AND n.run_id = \(runID)
                                                       AND n.vacancy_id = old.vacancy_id)
            """
        _ = try await tellAboutOffers(.offerWithdrawn, offers: withdrawn, on: connection, logger: logger)
    }

    /// Hook for the offer lifecycle (issue 16): an offer restored by a review. Call it in
    /// the transaction that reinstates the offer.
    static func offerReinstated(offerID: Int64, candidateID: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        try await tellCandidate(.offerReinstated, subject: offerID, candidateID: candidateID, on: connection, logger: logger)
    }

    /// Hook for couples (issue 17): `candidateID` is invited by `inviterName` to apply as a
    /// couple. Call it in the transaction that stores the invitation (its id is the subject).
    static func coupleInvitation(
        invitationID: Int64, candidateID: Int64, inviterName: String, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await tellCandidate(
            .coupleInvitation, subject: invitationID, candidateID: candidateID, payload: OutboxPayload.json(["inviter": inviterName]),
            on: connection, logger: logger
        )
    }
}
