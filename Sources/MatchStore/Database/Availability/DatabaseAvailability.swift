import Logging
import PostgresNIO
import Synchronization

/// Whether the database answers, known without waiting on it.
///
/// A pool whose server is gone does not fail a query: it queues the query and retries
/// connecting with a growing backoff, so a request that needs the database would hang for
/// as long as the outage lasts (issue 13 saw no answer within 15 s, and a 6.5 s first page
/// after PostgreSQL came back). `serve` runs this monitor beside its pools and asks it first:
///
/// - Every `interval` it opens one connection of its own (not from a pool, so a busy pool
///   never makes it late) with a short connect timeout. A failure marks the database
///   unavailable at once and wakes every request waiting in `failFast`.
/// - While unavailable it keeps probing; once a connection opens again it also runs
///   `SELECT 1` through each serving pool, because a pool may still be backing off, and
///   only when all of them answer is the database available again.
///
/// Requests then answer 503 with Retry-After within about `interval` plus a connection
/// attempt, instead of hanging (ADR 0026).
public final class DatabaseAvailability: Sendable {
    public struct Settings: Sendable {
        /// How often the database is probed.
        public var interval: Duration
        /// How long a probe waits for a connection or an answer before calling it a failure.
        public var timeout: Duration
        /// What a 503 tells clients to wait, in seconds.
        public var retryAfterSeconds: Int

        public init(interval: Duration = .milliseconds(300), timeout: Duration = .seconds(1), retryAfterSeconds: Int = 5) {
            self.interval = interval
            self.timeout = timeout
            self.retryAfterSeconds = retryAfterSeconds
        }
    }

    private struct State {
        var available = true
        var reason = ""
        var waiters: [Int: @Sendable () -> Void] = [:]
        var nextWaiter = 0
    }

    public let settings: Settings
    let server: ConnectionSettings
    let pools: [Database]
    let logger: Logger
    private let state = Mutex(State())

    /// - Parameters:
    ///   - pools: the pools that serve requests; all must answer before the database counts as back.
    public init(server: ConnectionSettings, pools: [Database], logger: Logger, settings: Settings = Settings()) {
        self.server = server
        self.pools = pools
        self.logger = logger
        self.settings = settings
    }

    public var isAvailable: Bool { state.withLock { $0.available } }

    /// Why the database is unavailable, for `/ready` and the log ("" while it is available).
    public var reason: String { state.withLock { $0.reason } }

    /// The error a request gets while the database is away.
    public var unavailable: DatabaseUnavailable {
        DatabaseUnavailable(reason: reason, retryAfterSeconds: settings.retryAfterSeconds)
    }

    /// Probes until the task is cancelled (`serve` runs it as a service).
    public func run() async {
        while !Task.isCancelled {
            await probeOnce()
            try? await Task.sleep(for: settings.interval)
        }
    }

    /// One probe: a connection of its own, and while recovering, each pool.
    public func probeOnce() async {
        do {
            try await withTimeout { try await self.connectOnce() }
        } catch {
            markUnavailable(DatabaseError(error, server: server.serverName).message)
            return
        }
        guard !isAvailable else { return }
        for pool in pools {
            do {
                try await withTimeout { try await pool.client.query("SELECT 1", logger: self.logger) }
            } catch {
                return
            }
        }
        markAvailable()
    }

    private func connectOnce() async throws {
        var configuration = try Database.connectionConfiguration(for: server)
        let (seconds, attoseconds) = settings.timeout.components
        configuration.options.connectTimeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        try await connection.close()
    }

    func markUnavailable(_ reason: String) {
        let waiters = state.withLock { state -> [@Sendable () -> Void]? in
            state.reason = reason
            guard state.available else { return nil }
            state.available = false
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        guard let waiters else { return }
        logger.warning("database unavailable; requests answer 503 until it is back", metadata: ["reason": "\(reason)"])
        for wake in waiters { wake() }
    }

    func markAvailable() {
        let changed = state.withLock { state -> Bool in
            defer { state.available = true; state.reason = "" }
            return !state.available
        }
        if changed { logger.info("database available again") }
    }

    /// Calls `wake` once, when the database becomes unavailable; returns a token to stop waiting.
    /// Returns nil (and never calls `wake`) when it already is unavailable.
    func onUnavailable(_ wake: @escaping @Sendable () -> Void) -> Int? {
        state.withLock { state in
            guard state.available else { return nil }
            state.nextWaiter += 1
            state.waiters[state.nextWaiter] = wake
            return state.nextWaiter
        }
    }

    func stopWaiting(_ token: Int) {
        _ = state.withLock { $0.waiters.removeValue(forKey: token) }
    }
}
