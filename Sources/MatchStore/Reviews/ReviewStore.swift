import Foundation
import Logging
import PostgresNIO

/// Human review of offers (PIPL Art. 24): candidates file requests, offices decide them.
///
/// An office sees the requests about offers on posts in its region and the regions below it
/// (the same rule row-level security applies to vacancies); every query takes the office
/// explicitly. Filing and deciding are
/// audited in the same transaction as the change.
public struct ReviewStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Files a request against an offer made to `candidateID`. One request per offer may be
    /// open at a time; after a decision the candidate may file again. A pending offer goes
    /// under review: its deadline stops until the decision (docs/offers.md), and so does a
    /// couple's partner's linked offer (they answer together, ADR 0049). An accepted offer
    /// is final and cannot be reviewed.
    public func file(candidateID: Int64, offerID: Int64, reason: String, context: AuditContext) async throws -> ReviewRequest {
        let reason = reason.trimmedOfSpaces
        guard (1...2000).contains(reason.count) else {
            throw ReviewStoreError.invalid([FieldProblem(pointer: "/reason", message: "say why you ask for a review, in at most 2000 characters")])
        }
        let logger = database.logger
        return try await database.transaction { connection in
            let offers = try await connection.query(
                "SELECT state, deadline > now() FROM offers WHERE id = \(offerID) AND candidate_id = \(candidateID) FOR UPDATE",
                logger: logger)
            var found: (state: String, running: Bool)?
            for try await row in offers.decode((String, Bool).self) { found = row }
            guard let found else { throw ReviewStoreError.offerNotFound(offerID: offerID) }
            guard found.state != "accepted" else { throw ReviewStoreError.offerFinal(offerID: offerID, state: found.state) }
            let open = try await connection.query(
                "SELECT id FROM review_requests WHERE offer_id = \(offerID) AND status = 'open'", logger: logger)
            for try await id in open.decode(Int64.self) { throw ReviewStoreError.alreadyOpen(requestID: id) }
            let inserted = try await connection.query(
                """
                INSERT INTO review_requests (offer_id, candidate_id, reason) VALUES (\(offerID), \(candidateID), \(reason))
                RETURNING id
                """,
                logger: logger
            )
            var requestID: Int64 = 0
            for try await id in inserted.decode(Int64.self) { requestID = id }
            if found.state == "pending", found.running {
                try await OfferMoves.attribute(
                    actor: context.actor, reason: "review request \(requestID): the deadline is paused", on: connection, logger: logger)
                // A couple's clock is one: its partner's offer pauses too (ADR 0049).
                let pair = try await OfferMoves.withPartners([offerID], on: connection, logger: logger)
                try await OfferMoves.pause(pair, on: connection, logger: logger)
            }
            try await AuditLog.record(
                actor: context.actor, action: "review.file", subject: "review:\(requestID)",
                details: ["offer": "\(offerID)", "candidate": "\(candidateID)"], source: context.source,
                on: connection, logger: logger
            )
            return try await Self.read(requestID, officeID: nil, on: connection, logger: logger)
        }
    }

    /// Records an office's decision with its reason, and does what it says to the offer in the
    /// same transaction (docs/offers.md); the request is then final.
    /// - `upheld`: an offer under review is pending again, its deadline resumed with the time
    ///   that was left (a couple's two offers together, once no review of either is open);
    /// - `reinstated`: a declined or expired offer is restored if its seat is free, otherwise
    ///   its candidate gets priority for the post's next free seat (`SeatPriorities`); a
    ///   couple's linked offer only together with its partner's (ADR 0049), or refused
    ///   (`partnerNotReinstatable`) when the partner's cannot come back;
    /// - `withdrawn`: an open offer is withdrawn (a couple's partner's with it), and its
    ///   candidate rejoins the next night.
    /// `changed` (before issue 16) only recorded text; it is refused for new decisions.
    public func decide(
        requestID: Int64, officeID: Int64, decision: ReviewRequest.Decision, reason: String, context: AuditContext
    ) async throws -> ReviewRequest {
        let reason = reason.trimmedOfSpaces
        guard (4...2000).contains(reason.count) else {
            throw ReviewStoreError.invalid([FieldProblem(
                pointer: "/reason", message: "a decision needs its reason, 4 to 2000 characters; the candidate is told it")])
        }
        let logger = database.logger
        return try await database.transaction { connection in
            let current = try await Self.read(requestID, officeID: officeID, on: connection, logger: logger, lock: true)
            guard current.status == .open else { throw ReviewStoreError.alreadyDecided(requestID: requestID) }
            guard decision != .changed else {
                throw ReviewStoreError.invalid([FieldProblem(
                    pointer: "/decision", message: "decide upheld, reinstated or withdrawn: each says what happens to the offer")])
            }
            guard let offer = try await OfferMoves.lock([current.offerID], on: connection, logger: logger).first else {
                throw ReviewStoreError.offerNotFound(offerID: current.offerID)
            }
            try ReviewEffect.check(decision, offerState: offer.state, requestID: requestID)
            try await connection.query(
                """
                UPDATE review_requests SET status = 'decided', decision = \(decision.rawValue), decision_reason = \(reason),
                       decided_by = \(context.actor), decided_at = now()
                WHERE id = \(requestID)
                """,
                logger: logger
            )
            try await OfferMoves.attribute(
                actor: context.actor, reason: "review \(requestID) \(decision.rawValue): \(reason)", on: connection, logger: logger)
            let effect = try await ReviewEffect.apply(decision, to: offer, requestID: requestID, on: connection, logger: logger)
            try await OutboxWrites.tellCandidate(
                .reviewDecided, subject: requestID, candidateID: current.candidateID, on: connection, logger: logger
            )
            try await AuditLog.record(
                actor: context.actor, action: "review.decide", subject: "review:\(requestID)",
                details: ["offer": "\(current.offerID)", "decision": decision.rawValue, "reason": reason, "office": "\(officeID)",
                          "effect": effect.rawValue],
                source: context.source, on: connection, logger: logger
            )
            return try await Self.read(requestID, officeID: officeID, on: connection, logger: logger)
        }
    }

    public func get(requestID: Int64, officeID: Int64) async throws -> ReviewRequest {
        let logger = database.logger
        return try await database.transaction { connection in
            try await Self.read(requestID, officeID: officeID, on: connection, logger: logger)
        }
    }

    /// The requests in an office's regions, oldest first (the order they should be worked
    /// through), one keyset page at a time.
    public func list(
        officeID: Int64, status: ReviewRequest.Status? = nil, cursor: String? = nil, limit: Int = 50
    ) async throws -> KeysetPage<ReviewRequest> {
        guard let after = KeysetCursor.start(cursor) else { throw ReviewStoreError.invalidCursor }
        let limit = limit.clamped(to: KeysetPage<ReviewRequest>.limitRange)
        let query = ReviewQuery.select(officeID: officeID, after: after, status: status, limit: limit + 1)
        let logger = database.logger
        let items = try await database.transaction { connection in
            var items: [ReviewRequest] = []
            for try await row in try await connection.query(query, logger: logger) {
                items.append(try ReviewQuery.decode(row))
            }
            return items
        }
        return KeysetPage.from(rows: items, limit: limit, key: \.id)
    }

    /// One request; with an office, only if it lies in the office's regions.
    static func read(
        _ requestID: Int64, officeID: Int64?, on connection: PostgresConnection, logger: Logger, lock: Bool = false
    ) async throws -> ReviewRequest {
        let query = ReviewQuery.select(officeID: officeID, requestID: requestID, lock: lock)
        for try await row in try await connection.query(query, logger: logger) {
            return try ReviewQuery.decode(row)
        }
        throw ReviewStoreError.notFound(requestID: requestID)
    }
}
