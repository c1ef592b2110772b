import MatchCore

/// The engine's `PhaseClock` is the one clock of a night: the engine times its own phases
/// with it, and the snapshot, the write and the progress lines a person reads use it too.
extension PhaseClock {
    /// Seconds per named phase, summed when a phase was timed more than once.
    public var secondsByPhase: [String: Double] {
        phases.reduce(into: [:]) { $0[$1.phase, default: 0] += $1.seconds }
    }

    /// Closes the current phase under `name` and says how long it took, for a progress line.
    public mutating func lapDescription(_ name: String) -> String {
        lap(name)
        return String(format: "%.3f s", phases.last?.seconds ?? 0)
    }
}
