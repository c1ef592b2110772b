import MatchStore

/// A small, realistic dataset for `talentmatch demo`: one prefecture office (巴中), two
/// centres, eight township vacancies in the six scarce specialties, and 24 candidates.
///
/// The people are fictional; the region and specialty codes are real. Loading is one
/// transaction (`MarketSeeder`) and idempotent: a second load finds the demo office and does nothing.
public struct DemoDataset: Sendable {
    public static let officeCode = "BZ-HR"
    /// The prefecture's talent exchange centre, whose posts the demo centre token sees.
    public static let centreCode = "BZ-CENTRE"

    /// What a load did.
    public struct Summary: Sendable, Equatable {
        public var offices = 0, centres = 0, vacancies = 0, seats = 0, candidates = 0, rankings = 0
        public var alreadyLoaded = false
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func load() async throws -> Summary {
        let written = try await MarketSeeder(database: database).load(Self.seed)
        guard !written.alreadyPresent else { return Summary(alreadyLoaded: true) }
        return Summary(offices: written.offices, centres: written.centres, vacancies: written.vacancies, seats: written.seats,
                       candidates: written.candidates, rankings: written.rankings)
    }

    /// The demo as rows: the office, its two centres, the posts and the people.
    static var seed: MarketSeed {
        let vacancies = DemoVacancy.all
        let position = Dictionary(uniqueKeysWithValues: vacancies.enumerated().map { ($0.element.externalID, Int32($0.offset)) })
        return MarketSeed(
            offices: [.init(code: officeCode, name: "巴中市人力资源和社会保障局", region: "511900")],
            centres: [
                .init(officeCode: officeCode, code: "BZ-CENTRE", name: "巴中市人才交流中心", region: "511900"),
                .init(officeCode: officeCode, code: "TJ-CENTRE", name: "通江县人才交流中心", region: "511921"),
            ],
            vacancies: vacancies.map(\.seed),
            candidates: DemoCandidate.all.map(\.seed),
            rankings: DemoCandidate.all.map { $0.ranking.compactMap { position[$0] } }
        )
    }
}
