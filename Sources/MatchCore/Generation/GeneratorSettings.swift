/// The shape of a synthetic instance.
public struct GeneratorSettings: Sendable, Equatable {
    public var candidates: Int
    public var vacancies: Int
    /// Length of each single candidate's ranking (capped at the number of vacancies).
    public var choices: Int
    /// Seats per vacancy are drawn uniformly from this range (mean 3 by default).
    public var seats: ClosedRange<Int>
    public var seed: UInt64
    /// Caps on developed provinces and their capital prefectures (nested), with targets.
    public var caps: Bool
    /// Floors on national key assistance counties, inside a province cap.
    public var floors: Bool
    /// Share of candidates who apply as couples (0.01 = 1%).
    public var coupleShare: Double
    /// Vacancies give scores (ties broken by the lottery) instead of rankings.
    public var scores: Bool

    public init(
        candidates: Int, vacancies: Int, choices: Int = 30, seats: ClosedRange<Int> = 1...5, seed: UInt64 = 1,
        caps: Bool = false, floors: Bool = false, coupleShare: Double = 0, scores: Bool = false
    ) {
        precondition(candidates >= 0 && vacancies >= 1 && choices >= 1, "need vacancies and a positive ranking length")
        precondition(seats.lowerBound >= 0 && (0...0.5).contains(coupleShare), "seats ≥ 0 and couple share in 0…0.5")
        self.candidates = candidates
        self.vacancies = vacancies
        self.choices = choices
        self.seats = seats
        self.seed = seed
        self.caps = caps
        self.floors = floors
        self.coupleShare = coupleShare
        self.scores = scores
    }
}
