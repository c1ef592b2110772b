/// Lets at most `limit` API fixtures run at once. Swift Testing runs every test in parallel,
/// and each fixture holds a few connections to the one test cluster shared with every other
/// suite; unbounded, the cluster runs out of connection slots ("too many clients").
actor TestGate {
    static let api = TestGate(limit: 4)

    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = limit
    }

    func run<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws -> Result {
        await enter()
        defer { leave() }
        return try await body()
    }

    private func enter() async {
        if running < limit {
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
