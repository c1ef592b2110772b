import Logging
import PostgresNIO

/// The statements that move offers along their life (docs/offers.md) inside a caller's
/// transaction: a review's pause and its decisions, withdrawals. Each takes a set of offers,
/// so that a couple's two offers (issue 17) move together in one statement or not at all;
/// the database's guard (migration 0100) checks every move and records it with the actor and
/// the reason this transaction names.
enum OfferMoves {
    /// An offer's state and what a move needs to know about it, read with a row lock.
    struct Locked: Sendable, Equatable {
        let id: Int64
        let candidateID: Int64
        let vacancyID: Int64
        let state: String
    }

    /// Names who moves offers and why for the rest of the transaction (what the transition
    /// trigger records); `database.transaction(.attributed(…))` does the same at BEGIN.
    static func attribute(actor: String, reason: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.queryOpen(
            "SELECT set_config('talentmatch.actor', \(actor), true), set_config('talentmatch.reason', \(reason), true)",
            logger: logger
        )
    }

    /// Locks `ids` (in id order, so two callers never deadlock) and returns them; an id that
    /// does not exist, or that the office (when given) does not oversee, is missing.
    static func lock(_ ids: [Int64], officeID: Int64? = nil, on connection: PostgresConnection, logger: Logger) async throws -> [Locked] {
        let rows = try await connection.queryOpen(
            """
            SELECT o.id, o.candidate_id, o.vacancy_id, o.state FROM offers o JOIN vacancies v ON v.id = o.vacancy_id
            WHERE o.id = ANY(\(ids)::int8[])
              AND (\(officeID)::int8 IS NULL OR EXISTS (
                     SELECT 1 FROM offices me JOIN regions mine ON mine.code = me.region_code
                     WHERE me.id = \(officeID)::int8 AND v.region_code LIKE mine.prefix || '%'))
            ORDER BY o.id
            FOR UPDATE OF o
            """,
            logger: logger
        )
        var result: [Locked] = []
        for try await (id, candidate, vacancy, state) in rows.decode((Int64, Int64, Int64, String).self) {
            result.append(Locked(id: id, candidateID: candidate, vacancyID: vacancy, state: state))
        }
        return result
    }

    /// `ids` and the couple's partners' offers linked to them (ADR 0049): a couple's clock is
    /// one, so a review pauses and resumes both of its offers.
    static func withPartners(_ ids: [Int64], on connection: PostgresConnection, logger: Logger) async throws -> [Int64] {
        let rows = try await connection.queryOpen(
            "SELECT partner_offer_id FROM couple_offers WHERE offer_id = ANY(\(ids)::int8[])", logger: logger)
        var all = Set(ids)
        for try await partner in rows.decode(Int64.self) { all.insert(partner) }
        return all.sorted()
    }

    /// A review begins: the deadlines still running among `ids` stop (the guard keeps the
    /// time that was left); one already past has nothing left to pause.
    static func pause(_ ids: [Int64], on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.queryOpen(
            "UPDATE offers SET state = 'under_review' WHERE id = ANY(\(ids)::int8[]) AND state = 'pending' AND deadline > now()",
            logger: logger)
    }

    /// A review upheld the offers: their deadlines resume with the time that was left — unless
    /// a review of one of them is still open (a couple's two offers resume together, once no
    /// review of either is open). Returns the offers resumed.
    @discardableResult
    static func resume(_ ids: [Int64], on connection: PostgresConnection, logger: Logger) async throws -> [Int64] {
        let rows = try await connection.queryOpen(
            """
            UPDATE offers SET state = 'pending' WHERE id = ANY(\(ids)::int8[]) AND state = 'under_review'
              AND NOT EXISTS (SELECT 1 FROM review_requests r WHERE r.offer_id = ANY(\(ids)::int8[]) AND r.status = 'open')
            RETURNING id
            """,
            logger: logger)
        var resumed: [Int64] = []
        for try await id in rows.decode(Int64.self) { resumed.append(id) }
        return resumed
    }

    /// Withdraws the open offers among `ids` for `cause`, with the couple's partners' open
    /// offers linked to them (the pair falls together, ADR 0049; the database does the same for
    /// a partner this scope cannot see, migration 0113, and tells them, 0114); each candidate is
    /// told in this transaction. Returns the offers withdrawn (those this scope could move).
    @discardableResult
    static func withdraw(
        _ ids: [Int64], cause: WithdrawalCause, on connection: PostgresConnection, logger: Logger
    ) async throws -> [Int64] {
        let rows = try await connection.queryOpen(
            """
            UPDATE offers SET state = 'withdrawn', withdrawal_cause = \(cause.rawValue)
            WHERE (id = ANY(\(ids)::int8[]) OR id IN (SELECT partner_offer_id FROM couple_offers WHERE offer_id = ANY(\(ids)::int8[])))
              AND state IN ('pending', 'under_review')
            RETURNING id
            """,
            logger: logger
        )
        var withdrawn: [Int64] = []
        for try await id in rows.decode(Int64.self) { withdrawn.append(id) }
        guard !withdrawn.isEmpty else { return [] }
        _ = try await OutboxWrites.tellAboutOffers(
            .offerWithdrawn, offers: "SELECT id, candidate_id FROM offers WHERE id = ANY(\(withdrawn)::int8[])",
            on: connection, logger: logger
        )
        return withdrawn
    }

    /// Restores a declined or expired offer (a review decided `reinstated`) with the answer
    /// window of its post's office, counted from today as a night's is; the candidate is told.
    /// A couple's linked offer brings its partner's back with the same deadline (migration
    /// 0113); the caller tells the partner (`CoupleReinstatement`).
    static func reinstate(_ offer: Locked, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.queryOpen(
            """
            UPDATE offers o SET state = 'pending',
                   deadline = ((now() AT TIME ZONE 'Asia/Shanghai')::date + coalesce(p.offer_days, 7) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
            FROM vacancies v JOIN centres c ON c.id = v.centre_id
            LEFT JOIN LATERAL (SELECT offer_days FROM policies WHERE office_id = c.office_id ORDER BY version DESC LIMIT 1) p ON true
            WHERE o.id = \(offer.id) AND v.id = o.vacancy_id
            """,
            logger: logger
        )
        try await OutboxWrites.offerReinstated(offerID: offer.id, candidateID: offer.candidateID, on: connection, logger: logger)
    }

    /// Whether `offer`'s post is open with a seat no accepted or open offer holds, and its
    /// candidate holds no accepted or open offer: then a reinstatement can restore it now.
    static func seatIsFree(for offer: Locked, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.queryOpen(
            """
            SELECT v.status = 'open'
                   AND v.seats > (SELECT count(*) FROM offers h WHERE h.vacancy_id = v.id
                                                                AND h.state IN ('accepted', 'pending', 'under_review'))
                   AND NOT EXISTS (SELECT 1 FROM offers m WHERE m.candidate_id = \(offer.candidateID)
                                                         AND m.state IN ('accepted', 'pending', 'under_review'))
            FROM vacancies v WHERE v.id = \(offer.vacancyID)
            FOR UPDATE OF v
            """,
            logger: logger
        )
        for try await free in rows.decode(Bool.self) { return free }
        return false
    }
}

/// Why an offer was withdrawn (`offers.withdrawal_cause`).
public enum WithdrawalCause: String, Sendable, Equatable, CaseIterable {
    /// The post was closed while the offer was open.
    case postClosed = "post_closed"
    /// The post's seats dropped below the offers it held; the lowest priority went first.
    case seatsReduced = "seats_reduced"
    /// The office withdrew it, with a reason.
    case office
    /// A reviewer decided so.
    case review
    /// A rerun of its night replaced it.
    case rerun
}
