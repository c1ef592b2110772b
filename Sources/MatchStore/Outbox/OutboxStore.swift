import Foundation
import Logging
import PostgresNIO

/// The delivery worker's side of the outbox: claim the next due message, hand it to a
/// sender, record the attempt (ADR 0043).
///
/// The claim is `FOR UPDATE SKIP LOCKED`, and the row stays locked while the message is
/// sent, so two workers never send one message at once; the attempt and the message's new
/// state commit together after the send. A worker killed mid-send rolls back: the message is
/// still pending with its attempts as they were, and is sent again (at least once); one whose
/// sending was recorded is never sent again (`guard_outbox_state`).
public struct OutboxStore: Sendable {
    /// When to try again after a failed attempt, and when to give up.
    public struct RetryPolicy: Sendable, Equatable {
        /// Attempts before a message is given up (the last failure makes it `failed`).
        public var maxAttempts: Int
        /// The wait after the first failure; it doubles after each further one.
        public var firstDelay: Duration
        public var longestDelay: Duration

        /// Eight attempts over about eight hours: a relay down overnight loses nothing.
        public static let standard = RetryPolicy(maxAttempts: 8, firstDelay: .seconds(60), longestDelay: .seconds(4 * 3600))

        public init(maxAttempts: Int, firstDelay: Duration, longestDelay: Duration) {
            precondition(maxAttempts >= 1, "a message is tried at least once")
            self.maxAttempts = maxAttempts
            self.firstDelay = firstDelay
            self.longestDelay = longestDelay
        }

        /// Seconds to wait after failed attempt number `attempt` (1-based).
        public func delaySeconds(afterAttempt attempt: Int) -> Double {
            let first = Double(firstDelay.components.seconds) + Double(firstDelay.components.attoseconds) / 1e18
            let longest = Double(longestDelay.components.seconds)
            return min(longest, first * pow(2, Double(max(0, attempt - 1))))
        }
    }

    /// What one call to `deliverNext` did.
    public struct Delivered: Sendable, Equatable {
        public let message: OutboxMessage
        public let result: DeliveryResult
        /// The message's state after the attempt: pending (to be retried), sent, failed, cancelled.
        public let state: String
    }

    let database: Database
    let retry: RetryPolicy

    public init(database: Database, retry: RetryPolicy = .standard) {
        self.database = database
        self.retry = retry
    }

    /// The nights' release messages still to be written into this outbox (ADR 0047).
    public var releaseMessages: ReleaseMessages { ReleaseMessages(database: database) }

    /// Claims the next due message on one of `channels`, sends it with `send` while holding
    /// its lock, and records the attempt; nil when nothing is due. `send` must not throw: a
    /// failure is a result. Messages on other channels wait (their channel is not set up).
    public func deliverNext(
        channels: [MessageChannelCode] = MessageChannelCode.allCases, _ send: @Sendable (OutboxMessage) async -> DeliveryResult
    ) async throws -> Delivered? {
        let logger = database.logger
        return try await database.transaction { connection in
            // A worker stuck in a send must not hold a message for ever: PostgreSQL ends the
            // session, the transaction rolls back and the message is due again.
            try await connection.query("SET LOCAL idle_in_transaction_session_timeout = '10min'", logger: logger)
            guard let claimed = try await Self.claim(channels: channels, on: connection, logger: logger) else { return nil }
            let message = try await MessageFactsReader.complete(claimed, on: connection, logger: logger)
            let result: DeliveryResult = if let reason = message.reasonNotToSend { .cancelled(reason: reason) } else { await send(message) }
            let state = try await record(result, for: message, on: connection)
            return Delivered(message: message, result: result, state: state)
        }
    }

    /// The oldest due message, locked; other workers skip it.
    static func claim(channels: [MessageChannelCode], on connection: PostgresConnection, logger: Logger) async throws -> ClaimedMessage? {
        let rows = try await connection.query(
            """
            SELECT m.id, m.kind, m.subject_id, m.channel, m.attempts, m.payload::text,
                   CASE WHEN s.active THEN coalesce(m.address, s.contact)
                        WHEN c.status = 'active' THEN coalesce(m.address, candidate_address(m.channel, c.contact,
                             c.contact_verified_at, c.second_contact, c.second_contact_verified_at)) END,
                   coalesce(c.language, s.language, 'zh-CN'), m.candidate_id, m.created_at, m.staff_account_id
            FROM outbox_messages m
            LEFT JOIN candidates c ON c.id = m.candidate_id
            LEFT JOIN staff_accounts s ON s.id = m.staff_account_id
            WHERE m.state = 'pending' AND m.next_attempt_at <= now() AND m.channel = ANY (\(channels.map(\.rawValue)))
            ORDER BY m.next_attempt_at, m.id
            LIMIT 1
            FOR UPDATE OF m SKIP LOCKED
            """,
            logger: logger
        )
        for try await row in rows.decode((Int64, String, Int64, String, Int, String, String?, String, Int64?, Date, Int64?).self) {
            guard let kind = MessageKindCode(rawValue: row.1), let channel = MessageChannelCode(rawValue: row.3) else { return nil }
            return ClaimedMessage(id: row.0, kind: kind, subjectID: row.2, channel: channel, attempts: row.4,
                                  payload: OutboxPayload.decode(row.5), address: row.6, language: row.7, candidateID: row.8,
                                  createdAt: row.9, staffAccountID: row.10)
        }
        return nil
    }

    /// Writes the attempt and the message's new state; returns that state. The record numbers
    /// every attempt of the message; `attempts` counts those since staff last sent it again.
    private func record(_ result: DeliveryResult, for message: OutboxMessage, on connection: PostgresConnection) async throws -> String {
        let (state, outcome, detail): (String, String, String) = switch result {
        case .sent(let detail): ("sent", "sent", detail)
        case .retry(let reason) where message.attempt >= retry.maxAttempts:
            ("failed", "failed", "\(reason) (given up after \(message.attempt) attempts)")
        case .retry(let reason): ("pending", "retry", reason)
        case .failed(let reason): ("failed", "failed", reason)
        case .cancelled(let reason): ("cancelled", "cancelled", reason)
        }
        let clipped = String(detail.prefix(2000))
        let delay = retry.delaySeconds(afterAttempt: message.attempt)
        try await connection.query(
            """
            WITH attempt AS (
                INSERT INTO outbox_attempts (message_id, attempt, outcome, detail)
                SELECT \(message.id), coalesce(max(attempt), 0) + 1, \(outcome), \(clipped)
                FROM outbox_attempts WHERE message_id = \(message.id)
            )
            UPDATE outbox_messages
            SET attempts = \(message.attempt), state = \(state),
                next_attempt_at = CASE WHEN \(state) = 'pending' THEN now() + make_interval(secs => \(delay)) ELSE next_attempt_at END,
                finished_at = CASE WHEN \(state) = 'pending' THEN NULL ELSE now() END,
                last_error = CASE WHEN \(outcome) = 'sent' THEN NULL ELSE \(clipped) END,
                payload = CASE WHEN \(state) = 'pending' THEN payload ELSE '{}'::jsonb END
            WHERE id = \(message.id)
            """,
            logger: database.logger
        )
        return state
    }
}

/// A claimed row before its facts are read.
struct ClaimedMessage: Sendable {
    let id: Int64
    let kind: MessageKindCode
    let subjectID: Int64
    let channel: MessageChannelCode
    let attempts: Int
    let payload: [String: String]
    let address: String?
    let language: String
    let candidateID: Int64?
    let createdAt: Date
    let staffAccountID: Int64?
}
