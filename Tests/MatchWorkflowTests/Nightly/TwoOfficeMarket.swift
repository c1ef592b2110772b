import MatchCore
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO

/// Two prefecture offices whose posts the same candidates rank (广元 GY-HR and 巴中 BZ-HR), each
/// with its own policy, caps and a floor, loadable in either order: the office created first
/// posts first, and the people come with the second, ranking posts of both.
enum TwoOfficeMarket {
    struct Office {
        let code: String
        let region: String
        let posts: [(id: String, region: String, seats: Int, specialty: String)]
        let policy: PolicyDraft
    }

    static let guangyuan = Office(
        code: "GY-HR", region: "510800",
        posts: [("GY-1", "510802", 1, "082802"), ("GY-2", "510821", 2, "090101"), ("GY-3", "510824", 1, "020301K")],
        policy: PolicyDraft(
            weights: [.specialtyFit: 50, .experience: 10, .nativePlace: 20, .educationAboveMinimum: 20],
            nativePlaceReason: "本籍回引（测试）", regions: [.init(region: RegionCode("5108")!, cap: 3)], note: "test"
        )
    )

    static let bazhong = Office(
        code: "BZ-HR", region: "511900",
        posts: [("BZ-1", "511902", 1, "082802"), ("BZ-2", "511921", 2, "090101"), ("BZ-3", "511922", 1, "020301K")],
        policy: PolicyDraft(
            weights: [.specialtyFit: 20, .experience: 60, .educationAboveMinimum: 20],
            regions: [.init(region: RegionCode("5119")!, cap: 3), .init(region: RegionCode("511921")!, floor: 1)], note: "test"
        )
    )

    /// Name, specialty, education, years, household registration, ranking by post id.
    static let people: [(String, String, String, Int, String, [String])] = [
        ("甲", "082802", "master", 2, "510802", ["BZ-1", "GY-1"]),
        ("乙", "082802", "bachelor", 9, "511902", ["GY-1", "BZ-1"]),
        ("丙", "082801", "bachelor", 5, "510104", ["BZ-1", "GY-1"]),
        ("丁", "090101", "bachelor", 1, "510821", ["GY-2", "BZ-2"]),
        ("戊", "090102", "master", 7, "511921", ["BZ-2", "GY-2"]),
        ("己", "090101", "doctorate", 3, "510104", ["BZ-2", "GY-2"]),
        ("庚", "090101", "associate", 12, "510824", ["GY-2", "BZ-2"]),
        ("辛", "020301K", "bachelor", 4, "511922", ["GY-3", "BZ-3"]),
        ("壬", "020302", "master", 6, "510802", ["BZ-3", "GY-3"]),
        ("癸", "020301K", "bachelor", 4, "510104", ["BZ-3", "GY-3", "BZ-1"]),
    ]

    /// Loads both offices, `first` before the other, each with its first policy.
    static func load(_ database: Database, first: Office) async throws {
        let second = first.code == guangyuan.code ? bazhong : guangyuan
        _ = try await MarketSeeder(database: database).load(seed(first, people: false, other: nil))
        _ = try await MarketSeeder(database: database).load(seed(second, people: true, other: first))
    }

    private static func seed(_ office: Office, people withPeople: Bool, other: Office?) -> MarketSeed {
        let centre = office.code + "-C"
        let own = office.posts.map(\.id)
        let existing = other?.posts.map(\.id) ?? []
        let position = Dictionary(uniqueKeysWithValues: (own + existing).enumerated().map { ($0.element, Int32($0.offset)) })
        let people = withPeople ? Self.people : []
        return MarketSeed(
            offices: [.init(code: office.code, name: "测试 \(office.code)", region: office.region)],
            centres: [.init(officeCode: office.code, code: centre, name: "测试中心 \(office.code)", region: office.region)],
            vacancies: office.posts.map { post in
                .init(centreCode: centre, draft: VacancyDraft(
                    externalID: post.id, title: "岗位 \(post.id)", regionCode: post.region, seats: post.seats, target: 0,
                    staffingType: "institution", minEducation: "associate", acceptedModes: ["full_transfer"],
                    specialties: [.init(code: post.specialty, acceptedFit: "same_class")]
                ))
            },
            candidates: people.map { person in
                CandidateProfileRecord(
                    fullName: person.0, contact: "\(person.0)@example.cn", education: person.2, title: "none", experienceYears: person.3,
                    hukouRegion: person.4, hukouType: nil, currentRegion: person.4, acceptedModes: ["full_transfer"], programmes: [],
                    hardshipWilling: false, specialties: [person.1], complete: true
                )
            },
            rankings: people.map { $0.5.compactMap { position[$0] } },
            existingVacancies: (other.map { [$0] } ?? []).flatMap { office in
                office.posts.map { MarketSeed.ExistingVacancy(centreCode: office.code + "-C", externalID: $0.id) }
            },
            policies: [office.code: office.policy]
        )
    }

    /// One fixed secret, so that two databases draw the same lottery.
    static let secret = Array(UInt8(1)...UInt8(32))

    static func options(dryRun: Bool = false) -> NightlyOptions {
        var options = NightlyOptions(date: NightlyFixture.night(), dryRun: dryRun, actor: "test")
        options.snapshotPartBytes = 1024
        options.drawLottery = { try LotteryReveal(secret: secret, commitment: "ae216c2ef5247a3782c135efa279a3e4cdc61094270f5d2be58c6204b7a612c9") }
        return options
    }

    /// Candidate name → post id of every offer.
    static func offers(_ database: Database) async throws -> [String: String] {
        let rows = try await database.client.query(
            "SELECT c.full_name, v.external_id FROM offers o JOIN candidates c ON c.id = o.candidate_id JOIN vacancies v ON v.id = o.vacancy_id"
        )
        var result: [String: String] = [:]
        for try await (name, post) in rows.decode((String, String).self) { result[name] = post }
        return result
    }
}
