import Logging
import MatchCore
import PostgresNIO

/// A market's rankings frozen for a night, with the lottery's published commitment and the
/// secret kept until the results are out (ADR 0031).
public struct LotteryFreeze: Sendable, Equatable {
    public let id: Int64
    public let lottery: LotteryReveal
    /// True when an interrupted start of the same night had frozen it already.
    public let resumed: Bool
}

/// The SQL of `market_freezes` on the night's connection: open, take up, release.
struct MarketFreezes {
    let connection: PostgresConnection
    let logger: Logger

    /// Opens tonight's freeze, or takes up the one an interrupted start of this night left,
    /// committed in its own transaction so the commitment is public before any result.
    func freeze(marketID: Int64, night: String, drawing draw: () throws -> LotteryReveal) async throws -> LotteryFreeze {
        try await connection.transaction(.attributed(to: "nightly", reason: "rankings frozen for the night of \(night)"), logger: logger) {
            if let open = try await openFreeze(marketID: marketID) {
                if open.night == night {
                    return LotteryFreeze(id: open.id, lottery: open.lottery, resumed: true)
                }
                // A night that never finished: reveal its secret (no result used it) and start afresh.
                try await release(open.id, secret: open.lottery.secretHex, runID: nil)
            }
            let lottery = try draw()
            let rows = try await connection.queryOpen(
                """
                INSERT INTO market_freezes (market_id, night, commitment) VALUES (\(marketID), \(night)::date, \(lottery.commitment))
                RETURNING id
                """,
                logger: logger
            )
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            try await connection.queryOpen(
                "INSERT INTO market_freeze_secrets (freeze_id, secret) VALUES (\(id), \(lottery.secretHex))", logger: logger
            )
            // The freeze row itself is the record: immutable, with its time (migration 0031).
            return LotteryFreeze(id: id, lottery: lottery, resumed: false)
        }
    }

    /// Reveals a freeze's secret and unfreezes the market's rankings; `runID` is the run that
    /// revealed it, nil when none did.
    func release(_ freezeID: Int64, secret: String, runID: Int64?) async throws {
        try await connection.queryOpen(
            "UPDATE market_freezes SET released_at = now(), secret = \(secret), run_id = \(runID) WHERE id = \(freezeID) AND released_at IS NULL",
            logger: logger
        )
    }

    private func openFreeze(marketID: Int64) async throws -> (id: Int64, night: String, lottery: LotteryReveal)? {
        let rows = try await connection.queryOpen(
            """
            SELECT f.id, f.night::text, f.commitment, s.secret FROM market_freezes f
            JOIN market_freeze_secrets s ON s.freeze_id = f.id
            WHERE f.market_id = \(marketID) AND f.released_at IS NULL FOR UPDATE OF f
            """,
            logger: logger
        )
        for try await (id, night, commitment, secret) in rows.decode((Int64, String, String, String).self) {
            return (id, night, try LotteryReveal(secretHex: secret, commitment: commitment))
        }
        return nil
    }
}
