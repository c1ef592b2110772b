import Foundation
import Logging
import PostgresNIO

/// Forming and ending couples (issue 17, ADR 0040): a candidate invites another by their
/// contact, the other confirms or refuses, either dissolves. The database holds the rules
/// (migration 0110): nobody in two couples, both consents live, frozen during a night.
public struct CoupleStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The candidate's open couple or invitation as they see it, or nil.
    public func current(candidateID: Int64) async throws -> CoupleView? {
        let open = try await invitations(candidateID: candidateID)
        return open.first { $0.status == .confirmed } ?? open.first
    }

    /// Every open invitation and couple the candidate is part of, newest first.
    public func invitations(candidateID: Int64) async throws -> [CoupleView] {
        let rows = try await database.query(
            """
            SELECT c.id, c.status, c.inviter_id = \(candidateID), c.invitee_contact,
                   CASE WHEN c.inviter_id = \(candidateID) THEN coalesce(p.full_name, '') ELSE i.full_name END,
                   CASE WHEN c.inviter_id = \(candidateID) THEN c.invitee_id ELSE c.inviter_id END,
                   CASE WHEN c.inviter_id = \(candidateID) THEN c.inviter_accepts_unplaced ELSE c.invitee_accepts_unplaced END,
                   CASE WHEN c.inviter_id = \(candidateID) THEN c.invitee_accepts_unplaced ELSE c.inviter_accepts_unplaced END
            FROM couples c JOIN candidates i ON i.id = c.inviter_id LEFT JOIN candidates p ON p.id = c.invitee_id
            WHERE c.status IN ('invited', 'confirmed') AND (c.inviter_id = \(candidateID) OR c.invitee_id = \(candidateID))
            ORDER BY c.id DESC
            """,
            logger: database.logger
        )
        var result: [CoupleView] = []
        for try await row in rows.decode((Int64, String, Bool, String, String, Int64?, Bool, Bool).self) {
            guard let status = CoupleView.Status(rawValue: row.1) else { continue }
            result.append(CoupleView(
                id: row.0, status: status, isInviter: row.2, inviteeContact: row.3, partnerName: row.4, partnerID: row.5,
                acceptsUnplaced: row.6, partnerAcceptsUnplaced: row.7
            ))
        }
        return result
    }

    /// Invites whoever signs in with `contact`. The answer is the same whether or not the
    /// contact has an account (an invitation must not tell who is registered); the message
    /// goes only to an account that exists, in the invitation's transaction.
    public func invite(candidateID: Int64, contact: String, source: String) async throws -> CoupleOutcome {
        let contact = contact.trimmingCharacters(in: .whitespaces)
        guard (3...254).contains(contact.count) else { return .invalidContact }
        guard try await hasMatchingConsent(candidateID) else { return .consentMissing }
        let logger = database.logger
        return try await refusals {
            try await database.transaction(.attributed(to: "candidate:\(candidateID)", reason: "couple invitation")) { connection in
                let own = try await connection.query("SELECT contact, full_name FROM candidates WHERE id = \(candidateID)", logger: logger)
                var inviter: (contact: String, name: String)?
                for try await row in own.decode((String, String).self) { inviter = row }
                guard let inviter, inviter.contact.lowercased() != contact.lowercased() else { return .cannotInviteSelf }
                let rows = try await connection.query(
                    """
                    INSERT INTO couples (inviter_id, invitee_id, invitee_contact)
                    SELECT \(candidateID), (SELECT c.id FROM candidates c JOIN candidate_accounts a ON a.candidate_id = c.id
                                            WHERE lower(c.contact) = lower(\(contact)) AND c.status = 'active'), \(contact)
                    RETURNING id, invitee_id
                    """,
                    logger: logger
                )
                for try await (id, invitee) in rows.decode((Int64, Int64?).self) {
                    if let invitee {
                        try await OutboxWrites.coupleInvitation(invitationID: id, candidateID: invitee, inviterName: inviter.name,
                                                                on: connection, logger: logger)
                    }
                    try await audit("couple.invite", candidateID, id, on: connection, source: source)
                    return .done(coupleID: id)
                }
                return .notFound
            }
        }
    }

    /// The invitee confirms: the couple is formed if both consents are live and neither is in
    /// another couple; their other open invitations lapse.
    public func confirm(coupleID: Int64, candidateID: Int64, source: String) async throws -> CoupleOutcome {
        guard try await hasMatchingConsent(candidateID) else { return .consentMissing }
        return try await change(coupleID, by: candidateID, action: "couple.confirm", source: source, sql: """
            UPDATE couples SET status = 'confirmed', confirmed_at = now()
            WHERE id = \(coupleID) AND invitee_id = \(candidateID) AND status = 'invited' RETURNING id
            """)
    }

    /// The invitee refuses.
    public func refuse(coupleID: Int64, candidateID: Int64, source: String) async throws -> CoupleOutcome {
        try await change(coupleID, by: candidateID, action: "couple.refuse", source: source, sql: """
            UPDATE couples SET status = 'refused', ended_at = now(), ended_by = \(candidateID), end_reason = 'refused'
            WHERE id = \(coupleID) AND invitee_id = \(candidateID) AND status = 'invited' RETURNING id
            """)
    }

    /// The inviter takes the invitation back.
    public func cancel(coupleID: Int64, candidateID: Int64, source: String) async throws -> CoupleOutcome {
        try await change(coupleID, by: candidateID, action: "couple.cancel", source: source, sql: """
            UPDATE couples SET status = 'cancelled', ended_at = now(), ended_by = \(candidateID), end_reason = 'cancelled'
            WHERE id = \(coupleID) AND inviter_id = \(candidateID) AND status = 'invited' RETURNING id
            """)
    }

    /// Either partner dissolves the couple.
    public func dissolve(coupleID: Int64, candidateID: Int64, source: String) async throws -> CoupleOutcome {
        try await change(coupleID, by: candidateID, action: "couple.dissolve", source: source, sql: """
            UPDATE couples SET status = 'dissolved', ended_at = now(), ended_by = \(candidateID), end_reason = 'dissolved'
            WHERE id = \(coupleID) AND \(candidateID) IN (inviter_id, invitee_id) AND status = 'confirmed' RETURNING id
            """)
    }

    /// Whether the candidate accepts pairs of the joint ranking that leave them unplaced.
    /// Turning it off takes effect at once: such pairs are no longer read by the night.
    public func setAcceptsUnplaced(_ accepts: Bool, coupleID: Int64, candidateID: Int64, source: String) async throws -> CoupleOutcome {
        try await change(coupleID, by: candidateID, action: "couple.unplaced", source: source, sql: """
            UPDATE couples SET
                inviter_accepts_unplaced = CASE WHEN inviter_id = \(candidateID) THEN \(accepts) ELSE inviter_accepts_unplaced END,
                invitee_accepts_unplaced = CASE WHEN invitee_id = \(candidateID) THEN \(accepts) ELSE invitee_accepts_unplaced END
            WHERE id = \(coupleID) AND \(candidateID) IN (inviter_id, invitee_id) AND status IN ('invited', 'confirmed') RETURNING id
            """)
    }

    private func change(_ coupleID: Int64, by candidateID: Int64, action: String, source: String, sql: PostgresQuery) async throws -> CoupleOutcome {
        let logger = database.logger
        return try await refusals {
            try await database.transaction(.attributed(to: "candidate:\(candidateID)", reason: action)) { connection in
                let rows = try await connection.query(sql, logger: logger)
                for try await _ in rows {
                    try await audit(action, candidateID, coupleID, on: connection, source: source)
                    return .done(coupleID: coupleID)
                }
                return .notFound
            }
        }
    }

    /// The database's refusals (migration 0110) as outcomes a page can show.
    private func refusals(_ body: () async throws -> CoupleOutcome) async throws -> CoupleOutcome {
        do {
            return try await body()
        } catch let error as DatabaseError where error.sqlState == RankingStore.frozenState {
            return .frozen
        } catch let error as DatabaseError where error.cause == .duplicate {
            return .alreadyInCouple
        } catch let error as DatabaseError where error.sqlState == "23514" && (error.serverMessage ?? "").contains("consent") {
            return .consentMissing
        }
    }

    private func hasMatchingConsent(_ candidateID: Int64) async throws -> Bool {
        try await ConsentStore(database: database).isLive(.matching, candidateID: candidateID)
    }

    private func audit(_ action: String, _ candidateID: Int64, _ coupleID: Int64, on connection: PostgresConnection, source: String) async throws {
        _ = try await AuditLog.record(actor: "candidate:\(candidateID)", action: action, subject: "couple:\(coupleID)", source: source,
                                  on: connection, logger: database.logger)
    }
}
