/// Lets at most `limit` test fixtures hold connections to the shared test cluster at once.
///
/// Swift Testing starts every test of every suite together, and the one cluster has a fixed
/// number of connection slots; unbounded, a large suite runs it out ("too many clients").
/// (MatchAPITests keeps its own `TestGate` from before this existed.)
public actor ConnectionGate {
    /// The gateway's handler tests (two small pools each).
    public static let gateway = ConnectionGate(limit: 6)

    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(limit: Int) {
        self.limit = limit
    }

    public func run<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws -> Result {
        await enter()
        defer { leave() }
        return try await body()
    }

    private func enter() async {
        guard running >= limit else {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
