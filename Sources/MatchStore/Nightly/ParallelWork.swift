import Dispatch
import Foundation

/// The two cores of a night, used for the engine's independent phases.
///
/// MatchCore has no threads on purpose (it is pure and deterministic); the nightly job
/// decides what runs side by side. Everything here only reorders work whose inputs are
/// immutable values, so results are identical to running it in sequence: the tests compare
/// snapshots and offers byte for byte across runs.
enum ParallelWork {
    /// Starts `work` on another thread now; `value` waits for it.
    final class Pending<Value: Sendable>: @unchecked Sendable {
        // Guarded by `finished`: written once before the signal, read only after the wait.
        private var result: Value?
        private let finished = DispatchSemaphore(value: 0)

        init(_ work: @escaping @Sendable () -> Value) {
            DispatchQueue.global(qos: .userInitiated).async {
                self.result = work()
                self.finished.signal()
            }
        }

        /// Blocks until the work is done. Call once.
        func value() -> Value {
            finished.wait()
            guard let result else { preconditionFailure("the work signalled without a result") }
            return result
        }
    }

    /// `transform` applied to `0..<count` in contiguous chunks on all cores, results in order.
    static func map<Element: Sendable>(
        count: Int, chunks: Int = ProcessInfo.processInfo.activeProcessorCount * 2,
        _ transform: @escaping @Sendable (Range<Int>) -> [Element]
    ) -> [Element] {
        precondition(chunks > 0, "at least one chunk")
        let size = max(1, (count + chunks - 1) / chunks)
        let ranges = stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
        let parts = ChunkResults<Element>(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            parts.set(index, transform(ranges[index]))
        }
        return parts.joined()
    }

    private final class ChunkResults<Element: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [[Element]]

        init(count: Int) { parts = Array(repeating: [], count: count) }

        func set(_ index: Int, _ part: [Element]) {
            lock.lock()
            parts[index] = part
            lock.unlock()
        }

        func joined() -> [Element] {
            lock.lock()
            defer { lock.unlock() }
            return Array(parts.joined())
        }
    }
}
