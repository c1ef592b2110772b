/// The shape of a synthetic national dataset loaded straight into PostgreSQL.
public struct SyntheticSettings: Sendable, Equatable {
    public var candidates: Int
    public var vacancies: Int
    /// Length of each candidate's ranking.
    public var choices: Int
    public var seed: UInt64
    /// The office that owns the dataset (one centre per province under it); with several
    /// offices, the prefix of every office's code.
    public var officeCode: String
    public var officeRegion: String
    /// 1: one office owns every post. More: a market of nested offices, one per province with
    /// posts and the rest prefecture offices (the prefectures with most posts), each with its
    /// own policy, caps and floors (`SyntheticOffices`); never fewer than the provinces.
    public var offices: Int
    /// Share of candidates in confirmed couples (0…0.5), each couple with a joint ranking of
    /// pairs from both partners' own lists (`SyntheticMarketPlan.couples`).
    public var couplesShare: Double

    public init(candidates: Int, vacancies: Int, choices: Int = 30, seed: UInt64 = 1,
                officeCode: String = "SYN", officeRegion: String = "510000", offices: Int = 1, couplesShare: Double = 0) {
        precondition(candidates >= 0 && vacancies >= 1 && choices >= 1 && offices >= 1,
                     "a market needs vacancies, positive choice lists and an office")
        precondition((0...0.5).contains(couplesShare), "a share of candidates in couples lies in 0…0.5")
        self.candidates = candidates
        self.vacancies = vacancies
        self.choices = choices
        self.seed = seed
        self.officeCode = officeCode
        self.officeRegion = officeRegion
        self.offices = offices
        self.couplesShare = couplesShare
    }

    /// Provinces that draw people: the coastal economies and the two municipalities of the north.
    static let developedProvinces: Set<String> = ["11", "12", "31", "32", "33", "35", "37", "44"]
}
