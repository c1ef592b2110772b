import Dispatch
import Metrics

/// How much of the connection pool is in use, for `/metrics`: transactions holding a
/// connection right now, how long each held it, and the pool's size. Reported through
/// swift-metrics, so they go nowhere until a process bootstraps a metrics backend.
enum DatabaseMetrics {
    static let inFlight = Meter(label: "talentmatch_db_transactions_in_flight")
    static let duration = Metrics.Timer(label: "talentmatch_db_transaction_duration", preferredDisplayUnit: .seconds)
    static let poolSize = Gauge(label: "talentmatch_db_pool_max_connections")

    static func measure<Result>(_ body: () async throws -> sending Result) async rethrows -> sending Result {
        inFlight.increment()
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            inFlight.decrement()
            duration.recordNanoseconds(DispatchTime.now().uptimeNanoseconds - start)
        }
        return try await body()
    }
}
