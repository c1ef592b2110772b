import ServiceLifecycle

/// A loop that runs beside the server until it shuts down (the database monitor, the
/// session sweeper), as a service of the server's group.
struct BackgroundService: Service {
    let body: @Sendable () async -> Void

    init(_ body: @escaping @Sendable () async -> Void) {
        self.body = body
    }

    func run() async throws {
        try await cancelWhenGracefulShutdown { await body() }
    }
}
