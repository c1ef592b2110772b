extension DatabaseAvailability {
    /// Runs `body` unless the database is away, and stops waiting for it the moment the
    /// database is found away: then `DatabaseUnavailable` is thrown at once and `body` is
    /// cancelled (a queued pool lease gives up on cancellation; a query already sent ends
    /// when its connection does). An error from `body` that says the server cannot be
    /// reached becomes `DatabaseUnavailable` too, and marks the database away.
    ///
    /// `body` runs in a task of its own so that the answer never waits for it to notice
    /// cancellation; it must not depend on being awaited to completion.
    public func failFast<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) async throws -> Value {
        guard isAvailable else { throw unavailable }
        let outcome = FirstOutcome<Value>()
        let work = outcome.run(body)
        let token = onUnavailable { outcome.finish(.failure(self.unavailable)) }
        defer {
            if let token { stopWaiting(token) }
        }
        if token == nil { outcome.finish(.failure(unavailable)) }
        let result = await withTaskCancellationHandler {
            await outcome.value()
        } onCancel: {
            work.cancel()
        }
        switch result {
        case .success(let value):
            return value
        case .failure(let error as DatabaseUnavailable):
            work.cancel()
            throw error
        case .failure(let error):
            guard ConnectionFailure.matches(error) else { throw error }
            markUnavailable(DatabaseError(error, server: server.serverName).message)
            throw unavailable
        }
    }

    /// Runs `body`, giving up after the probe timeout without waiting for it to stop.
    func withTimeout(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let outcome = FirstOutcome<Void>()
        let work = outcome.run(body)
        let timeout = settings.timeout
        let timer = Task {
            try? await Task.sleep(for: timeout)
            outcome.finish(.failure(ProbeTimedOut()))
        }
        defer {
            work.cancel()
            timer.cancel()
        }
        try await outcome.value().get()
    }
}

/// A probe got no answer in time.
struct ProbeTimedOut: Error, CustomStringConvertible {
    var description: String { "no answer within the probe's timeout" }
}
