import Foundation
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO

/// Two centres of the demo office (巴中): BZ-CENTRE and TJ-CENTRE, and a valid post.
enum VacancyFixture {
    static let context = AuditContext(actor: "test:centre-editor", source: "203.0.113.7")

    struct Centres { let bazhong: Int64; let tongjiang: Int64 }

    static func centres(_ database: Database) async throws -> Centres {
        _ = try await DemoDataset(database: database).load()
        return Centres(bazhong: try await centreID("BZ-CENTRE", database), tongjiang: try await centreID("TJ-CENTRE", database))
    }

    /// A further centre under the demo office (loaded if need be), with no posts.
    static func emptyCentre(_ code: String, _ database: Database) async throws -> Int64 {
        _ = try await DemoDataset(database: database).load()
        try await database.client.query(
            """
            INSERT INTO centres (office_id, code, name, region_code)
            SELECT id, \(code), '测试人才交流中心', '511900' FROM offices WHERE code = 'BZ-HR'
            """
        )
        return try await centreID(code, database)
    }

    static func centreID(_ code: String, _ database: Database) async throws -> Int64 {
        for try await id in try await database.client.query("SELECT id FROM centres WHERE code = \(code)").decode(Int64.self) { return id }
        throw VacancyStoreError.unknownCentre(id: -1)
    }

    static func draft(_ externalID: String = "T-001", seats: Int = 2) -> VacancyDraft {
        VacancyDraft(
            externalID: externalID, title: "通江县乡镇水利技术员", description: "负责乡镇水利工程", regionCode: "511921", seats: seats,
            target: 1, staffingType: "institution", minEducation: "bachelor", acceptedModes: ["short_term", "full_transfer"],
            serviceYears: 3, specialties: [.init(code: "081101", acceptedFit: "same_class")],
            incentives: [.init(kind: "housing", note: "周转房"), .init(kind: "hardship_allowance", amountYuan: 800, note: "每月")],
            householdRules: [.init(kind: "registered_within", regionCode: "511900", legalBasis: "巴中市定向招录公告（2026）第三条")]
        )
    }

    static func count(_ sql: String, _ database: Database) async throws -> Int {
        for try await value in try await database.client.query(PostgresQuery(unsafeSQL: sql)).decode(Int.self) { return value }
        return -1
    }
}
