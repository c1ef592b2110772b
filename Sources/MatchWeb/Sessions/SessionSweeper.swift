import Logging
import MatchStore

/// Deletes expired sessions and log-in failures older than the throttle's window, on a
/// schedule (`serve` runs it as a service). Expired rows are already invisible; sweeping
/// keeps the tables the size of what is live, whether or not anyone signs in.
public struct SessionSweeper: Sendable {
    let sessions: WebSessionTable
    let failures: LoginThrottleStore
    let interval: Duration
    let logger: Logger

    public init(database: Database, configuration: GatewayConfiguration = .init(), interval: Duration = .seconds(300)) {
        sessions = WebSessionTable(database: database)
        failures = LoginThrottleStore(database: database, limits: configuration.throttle)
        self.interval = interval
        logger = database.logger
    }

    /// Sweeps every `interval` until cancelled; a sweep that fails (the database is away) is
    /// logged and tried again next time.
    public func run() async {
        while !Task.isCancelled {
            do {
                let swept = try await sweepOnce()
                if swept.sessions + swept.failures > 0 {
                    logger.debug("swept \(swept.sessions) expired session(s) and \(swept.failures) old log-in failure(s)")
                }
            } catch {
                logger.warning("sweeping expired sessions failed; trying again in \(interval)", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// One sweep; returns how many rows went.
    @discardableResult
    public func sweepOnce() async throws -> (sessions: Int, failures: Int) {
        (try await sessions.prune(), try await failures.prune())
    }
}
