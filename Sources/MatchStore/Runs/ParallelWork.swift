import Dispatch

/// The two cores of a night, used for the engine's independent work.
///
/// MatchCore has no threads on purpose (it is pure and deterministic); the nightly job
/// decides what runs side by side. Everything here only moves work whose inputs are
/// immutable values to another thread, so results are identical to running it in sequence:
/// the tests compare snapshots and offers byte for byte across runs.
public enum ParallelWork {
    /// Runs `work` on a Dispatch thread and suspends until it is done.
    ///
    /// Seconds of CPU-bound work (encoding the snapshot, explaining a batch of offers) must
    /// not occupy the cooperative pool: it has one thread per core, and the task that feeds
    /// the database its next statement would wait behind them while the server idles.
    public static func offThePool<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: work())
            }
        }
    }
}
