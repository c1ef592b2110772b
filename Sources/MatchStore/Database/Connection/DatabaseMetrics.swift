import Dispatch
import Metrics

/// How much of the connection pool is in use, for `/metrics`: transactions holding a
/// connection right now, how long each held it, and the pool's size. Reported through
/// swift-metrics; the handles are made per use (the backend returns the same series), so
/// that a pool opened before the process bootstraps its metrics backend is still counted.
public enum DatabaseMetrics {
    static func measure<Result>(_ body: () async throws -> sending Result) async rethrows -> sending Result {
        let inFlight = Meter(label: "talentmatch_db_transactions_in_flight")
        inFlight.increment()
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            inFlight.decrement()
            Metrics.Timer(label: "talentmatch_db_transaction_duration", preferredDisplayUnit: .seconds)
                .recordNanoseconds(DispatchTime.now().uptimeNanoseconds - start)
        }
        return try await body()
    }

    /// Publishes a pool's size; call after the metrics backend is bootstrapped.
    public static func recordPoolSize(_ database: Database) {
        Gauge(label: "talentmatch_db_pool_max_connections").record(database.maxConnections)
    }
}
