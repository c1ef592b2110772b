import MatchCore
import MatchStore

/// A small, realistic dataset for `talentmatch demo`: one market of two prefecture offices,
/// 巴中 (eight township posts in the six scarce specialties, 24 candidates) and 广元 (three
/// posts, six candidates who rank posts of both offices), each with its own policy.
///
/// The people are fictional; the region and specialty codes are real. Loading is one
/// transaction per office (`MarketSeeder`) and idempotent: a second load finds each office and
/// does nothing for it.
public struct DemoDataset: Sendable {
    public static let officeCode = "BZ-HR"
    /// The second prefecture, whose candidates rank posts of both offices.
    public static let secondOfficeCode = "GY-HR"
    /// The prefecture's talent exchange centre, whose posts the demo centre token sees.
    public static let centreCode = "BZ-CENTRE"

    /// Which offices to load: `talentmatch demo` loads both; tests of one office load 巴中 alone.
    public enum Offices: Sendable {
        case bazhong
        case bazhongAndGuangyuan
    }

    /// What a load did.
    public struct Summary: Sendable, Equatable {
        public var offices = 0, centres = 0, vacancies = 0, seats = 0, candidates = 0, rankings = 0
        public var alreadyLoaded = false
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func load(_ offices: Offices = .bazhong) async throws -> Summary {
        let seeds = offices == .bazhong ? [Self.seed] : [Self.seed, Self.guangyuanSeed]
        var summary = Summary(alreadyLoaded: true)
        for seed in seeds {
            let written = try await MarketSeeder(database: database).load(seed)
            guard !written.alreadyPresent else { continue }
            summary.alreadyLoaded = false
            summary.offices += written.offices
            summary.centres += written.centres
            summary.vacancies += written.vacancies
            summary.seats += written.seats
            summary.candidates += written.candidates
            summary.rankings += written.rankings
        }
        return summary
    }

    /// 巴中 as rows: the office, its two centres, the posts and the people.
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

    /// 广元 as rows, with its first policy: its posts, and people who rank them and 巴中's.
    static var guangyuanSeed: MarketSeed {
        let own = DemoVacancy.guangyuan
        let existing = DemoVacancy.all
        var position: [String: Int32] = [:]
        for (index, vacancy) in (own + existing).enumerated() { position[vacancy.externalID] = Int32(index) }
        return MarketSeed(
            offices: [.init(code: secondOfficeCode, name: "广元市人力资源和社会保障局", region: "510800")],
            centres: [.init(officeCode: secondOfficeCode, code: "GY-CENTRE", name: "广元市人才交流中心", region: "510800")],
            vacancies: own.map(\.seed),
            candidates: DemoCandidate.crossing.map(\.seed),
            rankings: DemoCandidate.crossing.map { $0.ranking.compactMap { position[$0] } },
            existingVacancies: existing.map { .init(centreCode: $0.centre, externalID: $0.externalID) },
            policies: [secondOfficeCode: guangyuanPolicy]
        )
    }

    /// 广元 weighs experience and return of natives (with its reason) more than 巴中's standard
    /// policy does, caps its urban district and keeps a floor for 旺苍县.
    static var guangyuanPolicy: PolicyDraft {
        PolicyDraft(
            weights: [.specialtyFit: 30, .educationAboveMinimum: 10, .titleAboveMinimum: 10, .experience: 30, .nativePlace: 15,
                      .programmeBackground: 5, .hardshipWillingness: 0],
            nativePlaceReason: "本籍回引：广元市“归雁”人才回引计划（演示数据） / Demo data: Guangyuan's return-of-natives programme",
            regions: [
                .init(region: RegionCode("5108")!, cap: 4, reason: "prefecture-wide cap, so that the floor below can bind"),
                .init(region: RegionCode("510821")!, floor: 1, reason: "旺苍县, a mountain county that struggles to recruit"),
            ],
            offerDays: 10, note: "demo policy of 广元"
        )
    }
}
