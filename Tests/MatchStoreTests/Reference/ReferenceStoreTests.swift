@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Synchronization
import Testing

@Suite("Reference tables")
struct ReferenceStoreTests {
    @Test("the shipped tables load completely: every region, specialty and designation")
    func shippedCounts() async throws {
        try await withTestDatabase { (database) async throws in
            #expect(try await count("SELECT count(*) FROM regions", database) == 3214)
            #expect(try await count("SELECT count(*) FROM regions WHERE level = 'province'", database) == 34)
            #expect(try await count("SELECT count(*) FROM specialties", database) == 839)
            #expect(try await count("SELECT count(*) FROM designation_lists WHERE in_force", database) == 3)
            #expect(try await count("SELECT count(*) FROM region_designations", database) == 90 + 188 + 12, "two hardship rows name counties abolished since 2006")
            #expect(try await count("SELECT count(*) FROM regions WHERE code = '511900' AND prefix = '5119'", database) == 1)
            #expect(try await count("SELECT count(*) FROM region_boundaries", database) == 2830, "17 of 2,847 counties have no outline in the source")
        }
    }

    @Test("loading the shipped tables again changes nothing")
    func idempotent() async throws {
        try await withTestDatabase { (database) async throws in
            let lines = LineCollector()
            try await ShippedReference(directory: TestCluster.schemaDirectory + "/reference")
                .load(into: ReferenceStore(database: database)) { lines.append($0) }
            let tableLines = lines.all.filter { !$0.hasPrefix(" ") }
            #expect(tableLines.count == 6, "regions, specialties, three designation lists and the county outlines")
            #expect(tableLines.allSatisfy { $0.contains("already loaded") })
            #expect(try await count("SELECT count(*) FROM region_designations", database) == 290)
        }
    }

    @Test("a newer region edition retires missing codes instead of deleting them")
    func newerEditionRetires() async throws {
        try await withTestDatabase { (database) async throws in
            let table = try CSVTable(fileName: "regions-2026.csv", text: "code,name,level,parent_code\n510000,四川省,province,\n")
            let edition = ReferenceEdition(dataset: .regions, edition: "test 2026", source: "test", effectiveDate: "2026-12-31")
            let outcome = try await ReferenceStore(database: database).loadRegions(RegionRecord.parse(table), edition: edition)
            #expect(outcome == .loaded(rows: 1))
            #expect(try await count("SELECT count(*) FROM regions", database) == 3214, "no row is deleted")
            #expect(try await count("SELECT count(*) FROM regions WHERE valid_to IS NULL", database) == 1)
        }
    }

    @Test("a designation list naming an unknown region is refused with its line, and nothing is written")
    func unknownRegionRollsBack() async throws {
        try await withTestDatabase { (database) async throws in
            let table = try CSVTable(fileName: "kac.csv", text: "code\n511921\n999999\n")
            let list = DesignationList(
                kind: .keyAssistanceCounty, title: "test", complete: true,
                edition: ReferenceEdition(dataset: .designations, edition: "bad", source: "test", effectiveDate: "2026-01-01")
            )
            await #expect(throws: ReferenceError.unknownRegion(file: "kac.csv", line: 3, code: "999999")) {
                try await ReferenceStore(database: database)
                    .loadDesignations(DesignationRecord.parse(table, withCategory: false).records, list: list, fileName: "kac.csv")
            }
            #expect(try await count("SELECT count(*) FROM reference_editions WHERE edition = 'bad'", database) == 0)
            #expect(try await count("SELECT count(*) FROM designation_lists WHERE in_force", database) == 3,
                    "the previous edition stays in force")
        }
    }

    private func count(_ sql: String, _ database: Database) async throws -> Int {
        let rows = try await database.client.query(PostgresQuery(unsafeSQL: sql))
        for try await value in rows.decode(Int.self) { return value }
        return -1
    }
}

/// Collects progress lines from a `@Sendable` callback.
final class LineCollector: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
