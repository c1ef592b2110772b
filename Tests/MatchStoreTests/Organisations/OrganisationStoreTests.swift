import Foundation
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
import Testing

@Suite("Offices and centres created without SQL")
struct OrganisationStoreTests {
    @Test("an office is created for a known region with a free code, listed, and audited; each mistake names its field")
    func createOffice() async throws {
        try await withTestDatabase { (database) async throws in
            let store = OfficeStore(database: database)
            try await store.create(.init(code: "GY-HR", name: "广元市人社局", regionCode: "510800"), actor: "test:cli")
            let listed = try #require(try await store.list().first { $0.code == "GY-HR" })
            #expect(listed.regionName == "广元市" && listed.market == "main" && listed.status == "active")
            #expect(try await VacancyFixture.count(
                "SELECT count(*) FROM audit_log WHERE action = 'office.create' AND subject = 'office GY-HR' AND actor = 'test:cli'", database) == 1)
            await #expect(throws: OrganisationError.codeTaken(field: "code", value: "GY-HR")) {
                try await store.create(.init(code: "GY-HR", name: "又一个", regionCode: "510800"), actor: "test:cli")
            }
            await #expect(throws: OrganisationError.invalidCode(field: "code", value: "广元")) {
                try await store.create(.init(code: "广元", name: "广元", regionCode: "510800"), actor: "test:cli")
            }
            await #expect(throws: OrganisationError.unknownRegion("519999")) {
                try await store.create(.init(code: "NOPE", name: "无", regionCode: "519999"), actor: "test:cli")
            }
            await #expect(throws: OrganisationError.unknownRegion("51'; --")) {
                try await store.create(.init(code: "NOPE", name: "无", regionCode: "51'; --"), actor: "test:cli")
            }
            await #expect(throws: OrganisationError.unknownMarket("XX")) {
                try await store.create(.init(code: "NOPE", name: "无", regionCode: "510800", marketCode: "XX"), actor: "test:cli")
            }
            #expect(try await store.list().map(\.code) == ["GY-HR"], "nothing half-written")
        }
    }

    @Test("a province office creates offices only strictly below its own region")
    func officesBelow() async throws {
        try await withTestDatabase { (database) async throws in
            let store = OfficeStore(database: database)
            try await store.create(.init(code: "SC-HR", name: "四川省人社厅", regionCode: "510000"), actor: "test:cli")
            let province = try #require(try await OfficeRecord.find(code: "SC-HR", in: database))
            try await store.create(.init(code: "GY-HR", name: "广元", regionCode: "510800"), within: province, actor: "office:SC-HR")
            await #expect(throws: OrganisationError.regionOutside(region: "500000", officeCode: "SC-HR")) {
                try await store.create(.init(code: "CQ-HR", name: "重庆", regionCode: "500000"), within: province, actor: "office:SC-HR")
            }
            await #expect(throws: OrganisationError.regionOutside(region: "510000", officeCode: "SC-HR")) {
                try await store.create(.init(code: "SC-HR-2", name: "四川", regionCode: "510000"), within: province, actor: "office:SC-HR")
            }
            #expect(try await store.list(within: "5108").map(\.code) == ["GY-HR"])
        }
    }

    @Test("a centre lies in its office's region or below, under a known office, with a free code")
    func createCentre() async throws {
        try await withTestDatabase { (database) async throws in
            _ = try await DemoDataset(database: database).load()
            let store = CentreStore(database: database)
            try await store.create(.init(officeCode: "BZ-HR", code: "NJ-CENTRE", name: "南江县人才交流中心", regionCode: "511922"), actor: "test:cli")
            let listed = try await store.list(officeCode: "BZ-HR")
            #expect(listed.map(\.code) == ["BZ-CENTRE", "NJ-CENTRE", "TJ-CENTRE"])
            #expect(listed.first { $0.code == "NJ-CENTRE" }?.openVacancies == 0)
            #expect(try #require(listed.first { $0.code == "TJ-CENTRE" }).openVacancies > 0)
            await #expect(throws: OrganisationError.regionOutside(region: "510802", officeCode: "BZ-HR")) {
                try await store.create(.init(officeCode: "BZ-HR", code: "LZ-CENTRE", name: "利州", regionCode: "510802"), actor: "test:cli")
            }
            await #expect(throws: OrganisationError.unknownOffice("NOPE")) {
                try await store.create(.init(officeCode: "NOPE", code: "X-CENTRE", name: "x", regionCode: "511922"), actor: "test:cli")
            }
            await #expect(throws: OrganisationError.codeTaken(field: "code", value: "TJ-CENTRE")) {
                try await store.create(.init(officeCode: "BZ-HR", code: "TJ-CENTRE", name: "x", regionCode: "511921"), actor: "test:cli")
            }
            await #expect(throws: OrganisationError.invalidName(value: "")) {
                try await store.create(.init(officeCode: "BZ-HR", code: "PC-CENTRE", name: "  ", regionCode: "511923"), actor: "test:cli")
            }
            #expect(try await VacancyFixture.count("SELECT count(*) FROM audit_log WHERE action = 'centre.create'", database) == 1)
        }
    }
}
