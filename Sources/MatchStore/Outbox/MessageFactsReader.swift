import Foundation
import Logging
import PostgresNIO

/// Reads what a claimed message tells, by the kind of its subject, when it is sent: the
/// post and deadline of an offer, the decision of a review, the figures of a night. A view
/// over several rooms' tables, so it lives with the outbox that reads it.
enum MessageFactsReader {
    static func complete(_ claimed: ClaimedMessage, on connection: PostgresConnection, logger: Logger) async throws -> OutboxMessage {
        var facts = MessageFacts(payload: claimed.payload)
        switch claimed.kind {
        case .offerReleased, .offerDeadline, .offerWithdrawn, .offerReinstated, .offerExpired, .offerReleasedWithPartner:
            facts.offer = try await offer(claimed.subjectID, on: connection, logger: logger)
        case .reviewDecided:
            facts.review = try await review(claimed.subjectID, on: connection, logger: logger)
        case .nightResult:
            facts.night = try await night(claimed.subjectID, for: claimed.staffAccountID, on: connection, logger: logger)
        case .coupleInvitation, .contactVerification, .passwordReset, .registrationNotice, .passwordChanged, .contactChanged:
            break
        }
        return OutboxMessage(id: claimed.id, kind: claimed.kind, channel: claimed.channel, address: claimed.address,
                             language: claimed.language, attempt: claimed.attempts + 1, createdAt: claimed.createdAt, facts: facts)
    }

    private static func offer(_ id: Int64, on connection: PostgresConnection, logger: Logger) async throws -> MessageFacts.Offer? {
        let rows = try await connection.query(
            """
            SELECT v.title, g.name, o.deadline, o.state
            FROM offers o JOIN vacancies v ON v.id = o.vacancy_id JOIN regions g ON g.code = v.region_code
            WHERE o.id = \(id)
            """,
            logger: logger
        )
        for try await row in rows.decode((String, String, Date, String).self) {
            return MessageFacts.Offer(postTitle: row.0, regionName: row.1, deadline: row.2, state: row.3)
        }
        return nil
    }

    private static func review(_ id: Int64, on connection: PostgresConnection, logger: Logger) async throws -> MessageFacts.Review? {
        let rows = try await connection.query(
            """
            SELECT r.decision, r.decision_reason, v.title
            FROM review_requests r JOIN offers o ON o.id = r.offer_id JOIN vacancies v ON v.id = o.vacancy_id
            WHERE r.id = \(id) AND r.status = 'decided'
            """,
            logger: logger
        )
        for try await row in rows.decode((String, String, String).self) {
            return MessageFacts.Review(decision: row.0, reason: row.1, postTitle: row.2)
        }
        return nil
    }

    /// A market's night as one office's staff see it: their office's part (ADR 0030; none
    /// when the engine refused the night), the market's verdict.
    private static func night(_ id: Int64, for staff: Int64?, on connection: PostgresConnection, logger: Logger) async throws -> MessageFacts.Night? {
        let rows = try await connection.query(
            """
            SELECT f.name, r.run_date::text, r.status,
                   CASE WHEN r.status = 'committed' THEN coalesce((p.summary ->> 'filled')::int, 0) ELSE 0 END,
                   coalesce((p.summary ->> 'seats')::int, 0), coalesce((p.summary ->> 'filled')::int, 0),
                   coalesce((p.summary ->> 'candidates')::int, 0),
                   coalesce((SELECT sum((x ->> 'shortfall')::int) FROM jsonb_array_elements(
                       CASE WHEN jsonb_typeof(p.summary -> 'floors') = 'array' THEN p.summary -> 'floors' ELSE '[]'::jsonb END) x), 0)::int,
                   r.status <> 'failed' AND coalesce((r.summary ->> 'stable')::boolean, true),
                   coalesce((r.summary ->> 'violations')::int, 0), r.failure
            FROM match_runs r
            JOIN staff_accounts s ON s.id = \(staff)
            JOIN offices f ON f.id = s.office_id
            LEFT JOIN match_run_offices p ON p.run_id = r.id AND p.office_id = s.office_id
            WHERE r.id = \(id)
            """,
            logger: logger
        )
        for try await row in rows.decode((String, String, String, Int, Int, Int, Int, Int, Bool, Int, String?).self) {
            return MessageFacts.Night(officeName: row.0, date: row.1, status: row.2, offers: row.3, seats: row.4, filled: row.5,
                                      candidates: row.6, shortfall: row.7, stable: row.8, violations: row.9, failure: row.10)
        }
        return nil
    }
}

extension OutboxMessage {
    /// Why this message is not sent at all, when it should not be: nowhere to send it, its
    /// subject gone, or a reminder for an offer already answered or past its deadline.
    var reasonNotToSend: String? {
        if address == nil { return "no verified address on this channel" }
        if kind.isAboutAnOffer, facts.offer == nil { return "the offer no longer exists" }
        if kind == .reviewDecided, facts.review == nil { return "the review request is not decided" }
        if kind == .nightResult, facts.night == nil { return "the run no longer exists" }
        if kind == .offerDeadline, let offer = facts.offer {
            if offer.state != "pending" { return "the offer was answered (\(offer.state)) before its reminder went out" }
            if offer.deadline <= Date() { return "the offer's deadline passed before its reminder went out" }
        }
        if kind == .offerReleased, let offer = facts.offer, offer.state == "withdrawn" {
            return "the offer was withdrawn before this message went out"
        }
        return nil
    }
}
