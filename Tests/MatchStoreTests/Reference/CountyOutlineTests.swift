import Foundation
import PostgresNIO
@testable import MatchStore
import MatchStoreTesting
import Testing

/// The county outlines the console's map draws (migration 0104, ADR 0055): shipped per
/// province, small enough to send, loaded with the other reference tables, and read with
/// the designations in force for an office's area.
@Suite("County outlines")
struct CountyOutlineTests {
    static let folder = TestCluster.schemaDirectory + "/reference/county_boundaries"

    @Test("every province's outline file stays under 300 KB, as the issue asks of a province's map")
    func provinceFilesAreSmall() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".csv") }
        #expect(names.count == 31, "the 31 provinces of the mainland that have counties")
        for name in names {
            let size = try FileManager.default.attributesOfItem(atPath: Self.folder + "/" + name)[.size] as? Int ?? .max
            #expect(size < 300_000, "\(name) is \(size) bytes")
        }
    }

    @Test("a bad outline is refused with its line, before anything reaches the table")
    func badPathRefused() throws {
        let table = try CSVTable(fileName: "510000.csv", text: "code,path\n511902,M1 2l3 4z\n511903,<script>\n")
        #expect(throws: ReferenceError.invalidValue(
            file: "510000.csv", line: 3, column: "path", value: "<script>",
            expected: "closed outlines 'M x y' then relative 'l dx dy' steps and 'z', in whole units")) {
            try BoundaryRecord.parse(table)
        }
        #expect(BoundaryRecord.isPathData("M10 20l5 0l0 5l-5-5zM1 1l2 2z"))
        #expect(!BoundaryRecord.isPathData("M10 20l5 0 L0 5z"), "absolute steps are not our grammar")
    }

    @Test("an office's area: its counties with outlines and the designations in force, and the edition they came from")
    func bazhongArea() async throws {
        try await withTestDatabase { (database) async throws in
            let area = try await CountyOutlineReader(database: database).area(regionPrefix: "5119")
            #expect(area.counties.map(\.code) == ["511902", "511903", "511921", "511922", "511923"])
            #expect(area.counties.allSatisfy { $0.path?.hasPrefix("M") == true })
            let hardship = try await count(
                """
                SELECT count(*) FROM region_designations d JOIN designation_lists l ON l.id = d.list_id AND l.in_force AND l.kind = 'hardship_area'
                WHERE d.region_code LIKE '5119%'
                """, database)
            #expect(hardship > 0, "the demo prefecture has hardship counties, so the check below means something")
            #expect(area.counties.filter { $0.hardshipCategory != nil }.count >= hardship)
            let keyAssistance = try await count(
                """
                SELECT count(*) FROM region_designations d JOIN designation_lists l ON l.id = d.list_id AND l.in_force AND l.kind = 'key_assistance_county'
                WHERE d.region_code LIKE '5119%'
                """, database)
            #expect(area.counties.filter(\.keyAssistance).count == keyAssistance)
            #expect(area.edition == ShippedReference.boundaries.edition)
            let sichuan = try await CountyOutlineReader(database: database).area(regionPrefix: "51")
            #expect(sichuan.counties.count > 180 && sichuan.counties.filter { $0.path == nil }.map(\.code) == ["513402"],
                    "会理市 became a county-level city after the outlines' edition")
        }
    }

    private func count(_ sql: String, _ database: Database) async throws -> Int {
        let rows = try await database.client.query(PostgresQuery(unsafeSQL: sql))
        for try await value in rows.decode(Int.self) { return value }
        return -1
    }
}
