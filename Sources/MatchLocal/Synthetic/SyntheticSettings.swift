/// The shape of a synthetic national dataset loaded straight into PostgreSQL.
public struct SyntheticSettings: Sendable, Equatable {
    public var candidates: Int
    public var vacancies: Int
    /// Length of each candidate's ranking.
    public var choices: Int
    public var seed: UInt64
    /// The office that owns the dataset (one centre per province under it).
    public var officeCode: String
    public var officeRegion: String

    public init(candidates: Int, vacancies: Int, choices: Int = 30, seed: UInt64 = 1,
                officeCode: String = "SYN", officeRegion: String = "510000") {
        precondition(candidates >= 0 && vacancies >= 1 && choices >= 1, "a market needs vacancies and positive choice lists")
        self.candidates = candidates
        self.vacancies = vacancies
        self.choices = choices
        self.seed = seed
        self.officeCode = officeCode
        self.officeRegion = officeRegion
    }

    /// Provinces that draw people: the coastal economies and the two municipalities of the north.
    static let developedProvinces: Set<String> = ["11", "12", "31", "32", "33", "35", "37", "44"]
}
