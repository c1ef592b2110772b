/// What a run achieved, stored with the run (as JSON) and printed at the end: for the whole
/// market on the run, and for each office on its part (ADR 0030).
public struct NightlySummary: Sendable, Codable, Equatable {
    public struct FloorReport: Sendable, Codable, Equatable {
        public var region: String
        public var floor: Int
        public var placed: Int
        public var shortfall: Int

        public init(region: String, floor: Int, placed: Int, shortfall: Int) {
            self.region = region
            self.floor = floor
            self.placed = placed
            self.shortfall = shortfall
        }
    }

    /// Seats and placements in one region (the posts' own region code), over the posts that
    /// took part in the night: an office's part only (ADR 0052).
    public struct RegionFill: Sendable, Codable, Equatable {
        public var region: String
        public var seats: Int
        public var filled: Int

        public init(region: String, seats: Int, filled: Int) {
            self.region = region
            self.seats = seats
            self.filled = filled
        }
    }

    public var vacancies = 0
    public var seats = 0
    public var candidates = 0
    public var filled = 0
    public var underservedSeats = 0
    public var underservedFilled = 0
    public var floors: [FloorReport] = []
    /// How many placed candidates got their 1st, 2nd, … choice (index 0 = first choice).
    public var rankDistribution: [Int] = []
    /// An office's candidates (who ranked one of its posts) placed on another office's post,
    /// and those placed nowhere; nil for the market and for nights before ADR 0052.
    public var placedElsewhere: Int?
    public var unplaced: Int?
    /// An office's fill by region, counted when the night commits (ADR 0052); empty for the
    /// market and for nights before it.
    public var regions: [RegionFill] = []
    public var phaseSeconds: [String: Double] = [:]
    public var stable = true
    public var violations = 0
    public var proposals = 0
    public var rounds = 0
    /// Posts left out of the night, by reason (`NightlySnapshot.Exclusion.Reason`).
    public var excluded: [String: Int] = [:]
    /// Candidates left out because a row of theirs could not be used.
    public var candidatesLeftOut = 0
    /// Reservations lowered to fit under a cap, in words (`MarketConstraints.Adjustment`).
    public var adjustments: [String] = []

    public init() {}

    public var excludedCount: Int { excluded.values.reduce(0, +) }

    public var fillRate: Double { seats == 0 ? 0 : Double(filled) / Double(seats) }
    public var underservedFillRate: Double { underservedSeats == 0 ? 0 : Double(underservedFilled) / Double(underservedSeats) }

    /// Lines for a person, in the order an office reads them.
    public var lines: [String] {
        var lines = [
            "vacancies \(vacancies), seats \(seats), candidates \(candidates)",
            "filled \(filled) of \(seats) seats (\(Self.percent(fillRate)))",
            "designated underserved regions: filled \(underservedFilled) of \(underservedSeats) seats (\(Self.percent(underservedFillRate)))",
        ]
        for floor in floors {
            let outcome = floor.shortfall == 0 ? "met" : "\(floor.shortfall) short"
            lines.append("floor \(floor.region): at least \(floor.floor) wanted, \(floor.placed) placed (\(outcome))")
        }
        if !excluded.isEmpty {
            let reasons = excluded.keys.sorted().map { "\($0) \(excluded[$0] ?? 0)" }.joined(separator: ", ")
            lines.append("left out of the night: \(excludedCount) vacancies (\(reasons))")
        }
        if candidatesLeftOut > 0 { lines.append("left out of the night: \(candidatesLeftOut) candidates with rows the engine cannot use") }
        for adjustment in adjustments.prefix(10) { lines.append("adjusted: \(adjustment)") }
        if adjustments.count > 10 { lines.append("adjusted: … and \(adjustments.count - 10) more") }
        let ranks = rankDistribution.enumerated().filter { $0.element > 0 }.map { "#\($0.offset + 1): \($0.element)" }
        lines.append("choice received: " + (ranks.isEmpty ? "none placed" : ranks.joined(separator: ", ")))
        lines.append("verification: " + (stable ? "stable, no violations" : "\(violations) violation(s)"))
        let order = ["snapshot", "build", "solve", "verify", "explain", "encode", "write"]
        let timings = order.compactMap { phase in phaseSeconds[phase].map { "\(phase) \(Self.seconds($0))" } }
        lines.append("timings: " + timings.joined(separator: ", "))
        return lines
    }

    static func percent(_ value: Double) -> String {
        let tenths = (value * 1000).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10)%"
    }

    static func seconds(_ value: Double) -> String {
        let millis = Int((value * 1000).rounded())
        return "\(millis / 1000).\(String(repeating: "0", count: 3 - String(millis % 1000).count))\(millis % 1000) s"
    }
}
