import Logging
import PostgresNIO

/// Writes the "offer released" messages of the nights that have committed since the last
/// pass: the other half of `OutboxWrites.releasedOffers` (ADR 0047).
///
/// A night stores one `outbox_releases` row with its offers; this turns it into one outbox
/// message per offer and channel, a batch of offers at a time, each batch in its own short
/// transaction together with the row's advance. The batch walks the offers' primary key
/// upwards from where the last one stopped, so a national night's 300,000 offers are read
/// once in all, and a worker stopped between batches (or two workers at once: the row is
/// locked, the other skips it) neither loses a message nor writes one twice.
public struct ReleaseMessages: Sendable {
    /// Offers per transaction: short enough that the row lock and the outbox's index pages
    /// are held for well under a second, long enough that a national night takes ~60 passes.
    public static let defaultBatch = 5000

    let database: Database
    let batch: Int

    public init(database: Database, batch: Int = ReleaseMessages.defaultBatch) {
        self.database = database
        self.batch = max(1, batch)
    }

    /// Writes every release message still owed; returns for how many offers. `progress`
    /// hears the running total after each batch (a national night takes a minute or so).
    @discardableResult
    public func writeAll(progress: (Int) -> Void = { _ in }) async throws -> Int {
        var total = 0
        while let told = try await writeNextBatch() {
            total += told
            if told > 0 { progress(total) }
        }
        return total
    }

    /// One batch of one night still owed its messages; nil when no night is.
    func writeNextBatch() async throws -> Int? {
        let logger = database.logger
        let limit = batch
        return try await database.transaction(.attributed(to: "outbox", reason: "offer release messages")) { connection in
            let open = try await connection.query(
                """
                SELECT run_id, after_offer_id FROM outbox_releases WHERE finished_at IS NULL
                ORDER BY run_id LIMIT 1 FOR UPDATE SKIP LOCKED
                """,
                logger: logger
            )
            var owed: (runID: Int64, after: Int64)?
            for try await row in open.decode((Int64, Int64).self) { owed = (row.0, row.1) }
            guard let owed else { return nil }
            let rows = try await connection.query(Self.nextBatch(runID: owed.runID, after: owed.after, limit: limit), logger: logger)
            for try await told in rows.decode(Int.self) { return told }
            return 0
        }
    }

    /// The run's next `limit` offers after `after`, by primary key, their messages written
    /// (one per channel the candidate has now) and the row moved past them; a batch shorter
    /// than `limit` reached the end of the table, so the run is finished. Returns the batch's
    /// size.
    static func nextBatch(runID: Int64, after: Int64, limit: Int) -> PostgresQuery {
        """
        WITH batch AS (
            SELECT id, candidate_id FROM offers WHERE id > \(after) AND run_id = \(runID) ORDER BY id LIMIT \(limit)
        ),
        written AS (
            INSERT INTO outbox_messages (kind, subject_id, candidate_id, channel)
            SELECT 'offer_released', b.id, b.candidate_id, ch
            FROM batch b JOIN candidates c ON c.id = b.candidate_id, unnest(c.message_channels) ch
            ON CONFLICT DO NOTHING
        ),
        told AS (SELECT count(*)::int AS n, max(id) AS last FROM batch),
        moved AS (
            UPDATE outbox_releases r
            SET after_offer_id = coalesce(t.last, r.after_offer_id), offers_told = r.offers_told + t.n,
                finished_at = CASE WHEN t.n < \(limit) THEN now() END
            FROM told t WHERE r.run_id = \(runID)
        )
        SELECT n FROM told
        """
    }
}
