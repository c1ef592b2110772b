/// Measures phases with the monotonic `ContinuousClock` (no Foundation needed).
public struct PhaseClock: Sendable {
    private var started: ContinuousClock.Instant
    public private(set) var phases: [(phase: String, seconds: Double)] = []

    public init() {
        started = ContinuousClock.now
    }

    /// Closes the current phase under `name` and starts the next one.
    public mutating func lap(_ name: String) {
        let now = ContinuousClock.now
        let elapsed = now - started
        let (seconds, attoseconds) = elapsed.components
        phases.append((name, Double(seconds) + Double(attoseconds) * 1e-18))
        started = now
    }
}
