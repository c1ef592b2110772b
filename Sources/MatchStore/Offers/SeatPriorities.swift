import Logging
import PostgresNIO

/// A reinstated offer whose seat was taken: its candidate comes first for the post's next
/// free seat (docs/offers.md, "Priority for the next free seat").
///
/// The rule, as the night applies it before it freezes the market's rankings:
/// 1. a waiting priority lapses when its candidate has accepted an offer, or its post is no
///    longer open;
/// 2. the others are taken oldest first; one whose post has a seat that no accepted or open
///    offer holds, and whose candidate holds no open offer, restores its offer as pending
///    with a fresh answer window, and the candidate is told;
/// 3. the rest wait for the next night. The restored offers then hold their seats and their
///    candidates, so the night's match cannot give either away.
/// A couple's linked offer is restored only with its partner's, when both seats are free at
/// once (ADR 0049); its priority lapses also when the partner's post closed, the partner
/// accepted another offer, or the partner's offer can no longer come back.
enum SeatPriorities {
    /// What a night's pass did.
    struct Pass: Sendable, Equatable {
        var honoured: [Int64] = []
        var lapsed = 0
    }

    /// Grants the candidate of `offer` the priority decided by review `requestID`.
    static func grant(offer: Int64, requestID: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.queryOpen(
            "INSERT INTO seat_priorities (offer_id, review_request_id) VALUES (\(offer), \(requestID)) ON CONFLICT DO NOTHING",
            logger: logger
        )
    }

    /// The night's pass over the waiting priorities of a market's posts, in the caller's
    /// transaction (attributed to the night).
    static func honour(marketID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Pass {
        var pass = Pass()
        let lapsed = try await connection.queryOpen(
            """
            UPDATE seat_priorities sp SET lapsed_at = now()
            FROM offers o JOIN vacancies v ON v.id = o.vacancy_id
            WHERE sp.offer_id = o.id AND sp.honoured_at IS NULL AND sp.lapsed_at IS NULL
              AND (v.status <> 'open'
                   OR EXISTS (SELECT 1 FROM offers a WHERE a.candidate_id = o.candidate_id AND a.state = 'accepted'))
            RETURNING sp.id
            """,
            logger: logger
        )
        for try await _ in lapsed.decode(Int64.self) { pass.lapsed += 1 }
        let waiting = try await connection.queryOpen(
            """
            SELECT sp.id, o.id FROM seat_priorities sp
            JOIN offers o ON o.id = sp.offer_id JOIN vacancies v ON v.id = o.vacancy_id JOIN centres c ON c.id = v.centre_id
            JOIN offices f ON f.id = c.office_id
            WHERE sp.honoured_at IS NULL AND sp.lapsed_at IS NULL AND f.market_id = \(marketID)
            ORDER BY sp.granted_at, sp.id
            """,
            logger: logger
        )
        var queue: [(priority: Int64, offer: Int64)] = []
        for try await row in waiting.decode((Int64, Int64).self) { queue.append(row) }
        for (priority, offerID) in queue {
            guard let offer = try await OfferMoves.lock([offerID], on: connection, logger: logger).first,
                  ["declined", "expired"].contains(offer.state) else { continue }
            var details = ["priority": "\(priority)", "vacancy": "\(offer.vacancyID)", "candidate": "\(offer.candidateID)"]
            switch try await Self.readiness(of: offer, on: connection, logger: logger) {
            case .waits: continue
            case .lapses:
                try await connection.queryOpen("UPDATE seat_priorities SET lapsed_at = now() WHERE id = \(priority)", logger: logger)
                pass.lapsed += 1
                continue
            case .ready(let partner):
                try await OfferMoves.reinstate(offer, on: connection, logger: logger)
                if let partner {
                    try await OutboxWrites.offerReinstated(
                        offerID: partner.partnerOfferID, candidateID: partner.partnerCandidateID, on: connection, logger: logger)
                    details["partnerOffer"] = "\(partner.partnerOfferID)"
                    pass.honoured.append(partner.partnerOfferID)
                }
            }
            try await connection.queryOpen("UPDATE seat_priorities SET honoured_at = now() WHERE id = \(priority)", logger: logger)
            try await AuditLog.record(
                actor: "nightly", action: "offer.reinstate", subject: "offer:\(offer.id)",
                details: details, on: connection, logger: logger
            )
            pass.honoured.append(offer.id)
        }
        return pass
    }

    private enum Readiness { case ready(CoupleReinstatement?), waits, lapses }

    /// A single's offer is ready when its seat is free. A couple's linked offer comes back
    /// only with its partner's (ADR 0049): ready when both seats are free at once; lapsed when
    /// a post of the pair closed, a partner accepted another offer, or the partner's offer
    /// can no longer come back.
    private static func readiness(of offer: OfferMoves.Locked, on connection: PostgresConnection, logger: Logger) async throws -> Readiness {
        guard let pair = try await CoupleReinstatement.read(offer.id, on: connection, logger: logger) else {
            return try await OfferMoves.seatIsFree(for: offer, on: connection, logger: logger) ? .ready(nil) : .waits
        }
        if pair.pairLapsed || !pair.partnerRestorable { return .lapses }
        return pair.pairFree ? .ready(pair) : .waits
    }
}
