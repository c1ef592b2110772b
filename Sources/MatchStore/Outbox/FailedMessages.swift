import Foundation
import Logging
import PostgresNIO

/// A message the worker gave up on, as staff see it: whom it was for, about what, and why
/// it failed, so that someone can reach the person another way.
public struct FailedMessage: Sendable, Equatable {
    public let id: Int64
    public let kind: MessageKindCode
    public let channel: MessageChannelCode
    public let attempts: Int
    public let lastError: String
    public let createdAt: Date
    public let failedAt: Date
    /// The candidate's name, or the staff member's.
    public let recipientName: String
    /// The address, partly hidden (`138****5678`, `w***@example.cn`); nil when none was known.
    public let maskedAddress: String?
    /// The offer, review request or run the message was about, when it was one of those.
    public let offerID: Int64?
    public let reviewRequestID: Int64?
    public let runID: Int64?
}

/// The outbox seen by staff and operators: what failed, how many wait, and sending failed
/// messages again once the cause is fixed.
public struct FailedMessages: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Failed messages, newest first, one keyset page at a time. With an office, only those
    /// about its offers, review requests and runs (and row-level security agrees); without,
    /// every one, account messages included (the operator's view).
    public func list(officeID: Int64? = nil, cursor: String? = nil, limit: Int = 50) async throws -> KeysetPage<FailedMessage> {
        guard let after = KeysetCursor.start(cursor) else { throw OutboxError.invalidCursor }
        let limit = limit.clamped(to: KeysetPage<FailedMessage>.limitRange)
        let logger = database.logger
        let items = try await database.transaction { connection in
            var items: [FailedMessage] = []
            let rows = try await connection.query(Self.select(officeID: officeID, before: after, limit: limit + 1), logger: logger)
            for try await row in rows.decode(
                (Int64, String, String, Int, String?, Date, Date, String?, String?, Int64).self
            ) {
                guard let kind = MessageKindCode(rawValue: row.1), let channel = MessageChannelCode(rawValue: row.2) else { continue }
                items.append(FailedMessage(
                    id: row.0, kind: kind, channel: channel, attempts: row.3, lastError: row.4 ?? "", createdAt: row.5,
                    failedAt: row.6, recipientName: row.7 ?? "", maskedAddress: row.8.map(Self.mask),
                    offerID: kind.isAboutAnOffer ? row.9 : nil, reviewRequestID: kind == .reviewDecided ? row.9 : nil,
                    runID: kind == .nightResult ? row.9 : nil
                ))
            }
            return items
        }
        return KeysetPage.from(rows: items, limit: limit, key: { Int64.max - $0.id })
    }

    /// Sends failed messages again: those named, or every failed one when `ids` is nil.
    /// Returns how many went back to pending. Each gets the full number of attempts again;
    /// `outbox_attempts` keeps numbering on after the earlier ones.
    public func retry(ids: [Int64]? = nil, actor: String) async throws -> Int {
        let logger = database.logger
        return try await database.transaction(.attributed(to: actor, reason: "failed messages sent again")) { connection in
            let rows = try await connection.query(
                """
                UPDATE outbox_messages SET state = 'pending', finished_at = NULL, next_attempt_at = now(), attempts = 0
                WHERE state = 'failed' AND (\(ids)::int8[] IS NULL OR id = ANY (\(ids)::int8[]))
                RETURNING id
                """,
                logger: logger
            )
            var count = 0
            for try await _ in rows { count += 1 }
            try await AuditLog.record(actor: actor, action: "outbox.retry", subject: "outbox",
                                      details: ["messages": String(count)], on: connection, logger: logger)
            return count
        }
    }

    /// How many messages are in each state (and how many pending ones are due now).
    public func counts() async throws -> [String: Int] {
        let rows = try await database.query(
            """
            SELECT state, count(*)::int FROM outbox_messages GROUP BY state
            UNION ALL SELECT 'due', count(*)::int FROM outbox_messages WHERE state = 'pending' AND next_attempt_at <= now()
            UNION ALL SELECT 'nights_to_announce', count(*)::int FROM outbox_releases WHERE finished_at IS NULL
            """
        )
        var counts: [String: Int] = [:]
        for try await (state, count) in rows.decode((String, Int).self) { counts[state] = count }
        return counts
    }

    /// Newest first: the keyset runs over `Int64.max - id`, so the cursor's "after" is "older than".
    /// An office's posts are those in its region and below it (the rule of ADR 0016).
    static func select(officeID: Int64?, before after: Int64, limit: Int) -> PostgresQuery {
        let older = after == 0 ? Int64.max : Int64.max - after
        return """
            WITH mine AS (
                SELECT g.prefix || '%' AS pattern FROM offices me JOIN regions g ON g.code = me.region_code
                WHERE me.id = \(officeID)::int8
            )
            SELECT m.id, m.kind, m.channel, m.attempts, m.last_error, m.created_at, m.finished_at,
                   coalesce(c.full_name, s.name),
                   coalesce(m.address, s.contact, candidate_address(m.channel, c.contact, c.contact_verified_at,
                            c.second_contact, c.second_contact_verified_at)),
                   m.subject_id
            FROM outbox_messages m
            LEFT JOIN candidates c ON c.id = m.candidate_id
            LEFT JOIN staff_accounts s ON s.id = m.staff_account_id
            WHERE m.state = 'failed' AND m.id < \(older)
              AND (\(officeID)::int8 IS NULL OR CASE
                  WHEN m.kind IN ('offer_released', 'offer_deadline', 'offer_withdrawn', 'offer_reinstated', 'offer_expired',
                                  'offer_released_with_partner')
                      THEN EXISTS (SELECT 1 FROM offers o JOIN vacancies v ON v.id = o.vacancy_id
                                   WHERE o.id = m.subject_id AND v.region_code LIKE (SELECT pattern FROM mine))
                  WHEN m.kind = 'review_decided'
                      THEN EXISTS (SELECT 1 FROM review_requests r JOIN offers o ON o.id = r.offer_id
                                   JOIN vacancies v ON v.id = o.vacancy_id
                                   WHERE r.id = m.subject_id AND v.region_code LIKE (SELECT pattern FROM mine))
                  WHEN m.kind = 'night_result'
                      THEN s.office_id = \(officeID)::int8
                  ELSE false END)
            ORDER BY m.id DESC
            LIMIT \(limit)
            """
    }

    /// Enough of an address to recognise it, not enough to use it.
    static func mask(_ address: String) -> String {
        if let at = address.firstIndex(of: "@") {
            return String(address[..<at].prefix(1)) + "***" + String(address[at...])
        }
        guard address.count > 7 else { return String(repeating: "*", count: address.count) }
        return String(address.prefix(3)) + String(repeating: "*", count: address.count - 7) + String(address.suffix(4))
    }
}

/// Outbox requests a caller got wrong.
public enum OutboxError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidCursor

    public var description: String {
        switch self {
        case .invalidCursor: "the cursor is not one this listing produced"
        }
    }
}
