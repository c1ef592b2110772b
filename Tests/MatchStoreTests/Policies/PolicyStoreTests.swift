import MatchCore
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

/// A policy version is complete, and its caps and floors name real regions of the office
/// (ADR 0045): the store refuses what the engine would silently ignore, and the database
/// refuses it from any other writer.
@Suite("Policy versions")
struct PolicyStoreTests {
    @Test("weights not given keep the standard values; nothing else is inherited")
    func standardWeights() {
        let draft = PolicyDraft(weights: [.experience: 3])
        #expect(draft.weights[.experience] == 3)
        #expect(draft.weights[.educationAboveMinimum] == Policy.standard.weight(.educationAboveMinimum))
        #expect(draft.weights[.specialtyFit] == 40)
        #expect(draft.regions.isEmpty && draft.experienceCap == 10 && draft.offerDays == 7)
    }

    @Test("a cap on no region, or on a region outside the office's, is refused naming the setting; nothing is stored",
          arguments: [("999999", "no region 999999"), ("5101", "outside office BZ-HR's region 511900"), ("52", "outside office BZ-HR")])
    func regionRefused(code: String, words: String) async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        try await Database.withOpen(settings, role: .application, logger: TestCluster.logger) { database in
            _ = try await DemoDataset(database: database).load()
            let draft = PolicyDraft(regions: [.init(region: RegionCode("511921")!, floor: 1), .init(region: RegionCode(code)!, cap: 2)])
            let error = await #expect(throws: PolicyDraftError.self) {
                try await PolicyStore(database: database).create(officeCode: DemoDataset.officeCode, draft: draft, actor: "test")
            }
            guard case .regionRefused(let index, let region, let problem) = error else {
                Issue.record("expected regionRefused, got \(String(describing: error))")
                return
            }
            #expect(index == 1 && region == RegionCode(code))
            #expect(problem.contains(words), "\(problem)")
            #expect(try await NightlyFixture.count("SELECT count(*) FROM policies", database) == 0)
        }
    }

    @Test("the office's own region, and regions below it, are accepted")
    func insideAccepted() async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        try await Database.withOpen(settings, role: .application, logger: TestCluster.logger) { database in
            _ = try await DemoDataset(database: database).load()
            let draft = PolicyDraft(regions: [.init(region: RegionCode("5119")!, cap: 12), .init(region: RegionCode("511902")!, cap: 2)])
            #expect(try await PolicyStore(database: database).create(officeCode: DemoDataset.officeCode, draft: draft, actor: "test") == 1)
        }
    }

    @Test("the database refuses such a row from any writer (migration 0080)", arguments: ["999999", "5101"])
    func triggerRefuses(code: String) async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            _ = try await DemoDataset(database: database).load()
            _ = try await PolicyStore(database: database).create(officeCode: DemoDataset.officeCode, draft: PolicyDraft(), actor: "test")
            let error = await #expect(throws: PSQLError.self) {
                try await database.client.query(PostgresQuery(unsafeSQL: """
                    INSERT INTO policy_region_constraints (policy_id, region_prefix, cap) SELECT id, '\(code)', 1 FROM policies
                    """))
            }
            #expect(error?.serverInfo?[.sqlState] == "23514")
            let inside = try await database.client.query(PostgresQuery(unsafeSQL: """
                INSERT INTO policy_region_constraints (policy_id, region_prefix, cap) SELECT id, '511902', 1 FROM policies
                """))
            _ = inside
        }
    }
}
