import Foundation
import Logging
import PostgresNIO

/// Writes the "48 hours left" reminder of every pending offer whose deadline has come within
/// 48 hours: the scan the delivery worker runs every minute (ADR 0043).
///
/// A scan reads only the stretch of deadlines it has not covered yet (`outbox_schedules`),
/// so a night's 300,000 deadlines are read once, when they come within reach, not on every
/// scan. The stretch starts a little before the last scan's end, and the outbox's unique
/// key makes that overlap harmless: each offer gets one reminder however often, and by how
/// many workers at once, the scan runs. An offer released with less than 48 hours to answer
/// gets none: its release message already says the deadline.
public struct DeadlineReminders: Sendable {
    /// How long before the deadline the reminder goes out.
    public static let lead: Duration = .seconds(48 * 3600)
    /// How far back each scan looks again, for offers committed while the last scan ran.
    static let overlapSeconds = 120

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Writes the reminders now due; returns how many offers it wrote them for.
    @discardableResult
    public func scan(now: Date = Date()) async throws -> Int {
        let logger = database.logger
        let leadSeconds = Double(Self.lead.components.seconds)
        return try await database.transaction(.attributed(to: "outbox", reason: "deadline reminders")) { connection in
            let rows = try await connection.query(
                """
                SELECT covered_until - make_interval(secs => \(Self.overlapSeconds)) FROM outbox_schedules
                WHERE name = 'offer_deadline' FOR UPDATE
                """,
                logger: logger
            )
            var from: Date?
            for try await value in rows.decode(Date.self) { from = value }
            let until = now.addingTimeInterval(leadSeconds)
            guard let from, from < until else { return 0 }
            let offers: PostgresQuery = """
                SELECT id, candidate_id FROM offers
                WHERE state = 'pending' AND deadline > \(max(from, now)) AND deadline <= \(until)
                """
            let count = try await OutboxWrites.tellAboutOffers(.offerDeadline, offers: offers, on: connection, logger: logger)
            try await connection.query(
                "UPDATE outbox_schedules SET covered_until = greatest(covered_until, \(until)) WHERE name = 'offer_deadline'",
                logger: logger
            )
            return count
        }
    }
}
