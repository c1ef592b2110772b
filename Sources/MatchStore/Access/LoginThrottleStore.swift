import Foundation
import Logging
import PostgresNIO

/// Failed log-ins, counted over a sliding window per account and per address.
///
/// Throttling only delays: once the oldest counted failure leaves the window, log-ins are
/// accepted again, so an attacker cannot lock a person out for good.
public struct LoginThrottleStore: Sendable {
    public struct Limits: Sendable, Equatable {
        public var perAccount: Int
        public var perAddress: Int
        public var windowSeconds: Int

        /// At most 100 failures per account per hour (the rule); an address may fail
        /// more, since many people share one address behind a township's NAT.
        public static let standard = Limits(perAccount: 100, perAddress: 300, windowSeconds: 3600)

        public init(perAccount: Int, perAddress: Int, windowSeconds: Int) {
            precondition(perAccount > 0 && perAddress > 0 && windowSeconds > 0, "limits and window are positive")
            self.perAccount = perAccount
            self.perAddress = perAddress
            self.windowSeconds = windowSeconds
        }
    }

    let database: Database
    let limits: Limits

    public init(database: Database, limits: Limits = .standard) {
        self.database = database
        self.limits = limits
    }

    /// Seconds until a log-in may be tried again, or nil when it may be tried now.
    public func retryAfter(accountKey: String, address: String) async throws -> Int? {
        let account = try await wait(column: "account_key", value: accountKey, limit: limits.perAccount)
        let byAddress = try await wait(column: "address", value: address, limit: limits.perAddress)
        return [account, byAddress].compactMap { $0 }.max()
    }

    /// When the `limit`-th newest failure in the window ages out, the count drops below the limit.
    private func wait(column: String, value: String, limit: Int) async throws -> Int? {
        let window = "\(limits.windowSeconds) seconds"
        let rows = try await database.query(
            """
            SELECT greatest(1, ceil(extract(epoch FROM (at + \(window)::interval - now()))))::int
            FROM login_failures
            WHERE \(unescaped: column) = \(value) AND at > now() - \(window)::interval
            ORDER BY at DESC OFFSET \(limit - 1) LIMIT 1
            """,
            logger: database.logger
        )
        for try await seconds in rows.decode(Int.self) { return seconds }
        return nil
    }

    public func recordFailure(accountKey: String, address: String) async throws {
        let window = "\(limits.windowSeconds) seconds"
        try await database.transaction { connection in
            try await connection.query(
                "INSERT INTO login_failures (account_key, address) VALUES (\(accountKey), \(address))", logger: database.logger
            )
            // Keep the table small: nothing older than the window is ever counted.
            try await connection.query(
                "DELETE FROM login_failures WHERE at < now() - \(window)::interval", logger: database.logger
            )
        }
    }
}
