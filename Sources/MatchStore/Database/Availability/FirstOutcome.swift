import Synchronization

/// The first of several outcomes, handed over once to the one task that waits for it.
///
/// Racing a piece of work against a deadline or an event with a task group would wait for
/// the work to notice cancellation; this lets the waiter go on at once while the work, in a
/// task of its own, finishes (or fails) whenever it does.
final class FirstOutcome<Value: Sendable>: Sendable {
    private struct State {
        var result: Result<Value, any Error>?
        var waiter: CheckedContinuation<Result<Value, any Error>, Never>?
    }

    private let state = Mutex(State())

    /// Records `result` unless an outcome came first.
    func finish(_ result: Result<Value, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Result<Value, any Error>, Never>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: result)
    }

    /// The first outcome, when there is one. Call once.
    func value() async -> Result<Value, any Error> {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Result<Value, any Error>? in
                if let result = state.result { return result }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Runs `body` in its own task and finishes with what it returns or throws.
    func run(_ body: @escaping @Sendable () async throws -> Value) -> Task<Void, Never> {
        Task {
            do {
                finish(.success(try await body()))
            } catch {
                finish(.failure(error))
            }
        }
    }
}
