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

        /// Requests that send a code or a notice (registration, a new code, a password reset):
        /// five an hour per contact, fifty per address, so that nobody can flood a person's
        /// phone or mailbox through the gateway (ADR 0044).
        public static let codeRequests = Limits(perAccount: 5, perAddress: 50, windowSeconds: 3600)

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

    /// What `begin` decided about one log-in attempt.
    public enum Attempt: Sendable, Equatable {
        /// The attempt may check the password; it is already counted as a failure (`id`),
        /// which `succeeded(_:)` takes back when the password was right.
        case allowed(id: Int64)
        /// Over a limit: try again after this many seconds. Nothing was recorded, so refused
        /// attempts never extend the wait.
        case refused(retryAfter: Int)
    }

    /// Decides and counts in one step, before the password is checked.
    ///
    /// Reading the count and recording the failure separately let 150 concurrent guesses
    /// all read "99" and all be checked (issue 13). Here the account's and the address's
    /// advisory locks serialise attempts on the same account or address for the few
    /// statements that count and insert, so the limit is exact however many arrive at once;
    /// the slow part (bcrypt) runs after the transaction, outside the locks. The account lock
    /// is always taken before the address lock, so two attempts cannot wait on each other.
    public func begin(accountKey: String, address: String) async throws -> Attempt {
        let logger = database.logger
        return try await database.transaction { connection in
            try await connection.query(
                "SELECT pg_advisory_xact_lock(7302, hashtext(\(accountKey))), pg_advisory_xact_lock(7303, hashtext(\(address)))",
                logger: logger
            )
            let account = try await wait(column: "account_key", value: accountKey, limit: limits.perAccount, on: connection)
            let byAddress = try await wait(column: "address", value: address, limit: limits.perAddress, on: connection)
            if let seconds = [account, byAddress].compactMap({ $0 }).max() { return .refused(retryAfter: seconds) }
            let rows = try await connection.query(
                "INSERT INTO login_failures (account_key, address) VALUES (\(accountKey), \(address)) RETURNING id", logger: logger
            )
            for try await id in rows.decode(Int64.self) { return .allowed(id: id) }
            throw LoginThrottleError.notRecorded
        }
    }

    /// The password was right: the attempt is not a failure after all.
    public func succeeded(_ attempt: Int64) async throws {
        try await database.query("DELETE FROM login_failures WHERE id = \(attempt)", logger: database.logger)
    }

    /// When the `limit`-th newest failure in the window ages out, the count drops below the limit.
    private func wait(column: String, value: String, limit: Int, on connection: PostgresConnection) async throws -> Int? {
        let window = "\(limits.windowSeconds) seconds"
        let rows = try await connection.query(
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

    /// Deletes failures older than the window, which are never counted again (the sweeper in
    /// `serve` calls this on a schedule); returns how many.
    @discardableResult
    public func prune() async throws -> Int {
        let window = "\(limits.windowSeconds) seconds"
        let rows = try await database.query(
            "DELETE FROM login_failures WHERE at < now() - \(window)::interval RETURNING 1", logger: database.logger
        )
        var count = 0
        for try await _ in rows { count += 1 }
        return count
    }
}

/// The failure row was not written back (it always is; this keeps `begin` total).
public struct LoginThrottleError: Error, Sendable, CustomStringConvertible {
    static let notRecorded = LoginThrottleError()
    public var description: String { "the log-in attempt could not be recorded" }
}
