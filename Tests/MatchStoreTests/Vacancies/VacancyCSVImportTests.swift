import Foundation
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

@Suite("Vacancy CSV import and export")
struct VacancyCSVImportTests {
    /// A spreadsheet saved by Excel: BOM, Chinese headers, CRLF, Chinese value spellings,
    /// full-width separators, and RFC 4180 quoting (a comma, a doubled quote, a line break).
    static let chineseFile = "\u{FEFF}岗位编号,岗位名称,岗位描述,地区代码,岗位数,编制类型,最低学历,引进方式,专业要求,激励措施,户籍限制\r\n"
        + "CN-1,\"乡镇规划员, 通江\",\"负责\"\"美丽乡村\"\"规划\r\n每周驻村\",511921,2,事业编制,本科,全职调入；短期,082802:same_code,"
        + "hardship_allowance:800:每月;housing::周转房,registered_within:511900:巴中市定向招录公告第三条\\；第五条\r\n"
        + "CN-2,南江县农技员,,511922,1,合同制,大专,远程,,,\r\n"

    @Test("an Excel file with a BOM, Chinese headers and quoted cells imports as written")
    func chineseHeaders() async throws {
        try await withTestDatabase { (database) async throws in
            let centre = try await VacancyFixture.emptyCentre("CSV-CENTRE", database)
            let store = VacancyStore(database: database)
            let report = try await store.importCSV(Self.chineseFile, centreID: centre, dryRun: false, context: VacancyFixture.context)
            #expect(report.problems == [])
            #expect(report == VacancyImportReport(dryRun: false, committed: true, rows: 2, created: 2))
            let posts = try await store.list(centreID: centre).items
            let first = try await store.get(id: try #require(posts.first { $0.externalID == "CN-1" }).id, centreID: centre)
            #expect(first.status == .draft)
            #expect(first.draft.title == "乡镇规划员, 通江")
            #expect(first.draft.description == "负责\"美丽乡村\"规划\r\n每周驻村")
            #expect(first.draft.staffingType == "institution")
            #expect(first.draft.minEducation == "bachelor")
            #expect(first.draft.acceptedModes == ["full_transfer", "short_term"])
            #expect(first.draft.specialties == [.init(code: "082802", acceptedFit: "same_code")])
            #expect(first.draft.incentives == [.init(kind: "hardship_allowance", amountYuan: 800, note: "每月"), .init(kind: "housing", note: "周转房")])
            #expect(first.draft.householdRules == [.init(kind: "registered_within", regionCode: "511900", legalBasis: "巴中市定向招录公告第三条；第五条")])
            #expect(try await VacancyFixture.count("SELECT count(*) FROM audit_log WHERE action = 'vacancy.import'", database) == 1)
        }
    }

    @Test("bad rows are reported by row and column, and nothing is committed")
    func badRowsCommitNothing() async throws {
        try await withTestDatabase { (database) async throws in
            let centre = try await VacancyFixture.emptyCentre("CSV-CENTRE", database)
            let file = """
                external_id,title,region_code,seats,staffing_type,accepted_modes,household_rules
                OK-1,好岗位,511921,1,institution,remote,
                BAD-1,坏岗位,999999,many,institution,teleport,registered_within:511900:
                OK-1,重复,511921,1,institution,remote,
                BAD-2,,511921,2,institution,remote,registered_within:511900
                BAD-3,列数不对,511921
                """
            let store = VacancyStore(database: database)
            for dryRun in [true, false] {
                let report = try await store.importCSV(file, centreID: centre, dryRun: dryRun, context: VacancyFixture.context)
                #expect(!report.committed)
                #expect(report.problems.map { "\($0.row) \($0.column)" } == [
                    "3 accepted_modes", "3 household_rules", "3 region_code", "3 seats",
                    "4 external_id", "5 household_rules", "5 title", "6 ",
                ])
                #expect(report.problems.first { $0.row == 3 && $0.column == "household_rules" }?.message.contains("legal basis") == true)
                #expect(report.problems.first { $0.row == 4 }?.message.contains("row 2") == true)
            }
            #expect(try await VacancyFixture.count("SELECT count(*) FROM vacancies WHERE centre_id = \(centre)", database) == 0)
            #expect(try await VacancyFixture.count("SELECT count(*) FROM audit_log WHERE action = 'vacancy.import'", database) == 0)
        }
    }

    @Test("a dry run reports what would happen and writes nothing")
    func dryRun() async throws {
        try await withTestDatabase { (database) async throws in
            let centre = try await VacancyFixture.emptyCentre("CSV-CENTRE", database)
            let report = try await VacancyStore(database: database)
                .importCSV(Self.chineseFile, centreID: centre, dryRun: true, context: VacancyFixture.context)
            #expect(report == VacancyImportReport(dryRun: true, committed: false, rows: 2, created: 2))
            #expect(try await VacancyFixture.count("SELECT count(*) FROM vacancies WHERE centre_id = \(centre)", database) == 0)
        }
    }

    @Test("importing the same file again changes nothing; a changed row is updated, a closed post is refused")
    func idempotentReimport() async throws {
        try await withTestDatabase { (database) async throws in
            let centre = try await VacancyFixture.emptyCentre("CSV-CENTRE", database)
            let store = VacancyStore(database: database)
            _ = try await store.importCSV(Self.chineseFile, centreID: centre, dryRun: false, context: VacancyFixture.context)
            let stamp = try await VacancyFixture.count("SELECT count(*) FROM vacancies WHERE updated_at = created_at AND centre_id = \(centre)", database)
            let again = try await store.importCSV(Self.chineseFile, centreID: centre, dryRun: false, context: VacancyFixture.context)
            #expect(again == VacancyImportReport(dryRun: false, committed: true, rows: 2, unchanged: 2))
            #expect(try await VacancyFixture.count("SELECT count(*) FROM vacancies WHERE updated_at = created_at AND centre_id = \(centre)", database) == stamp)
            let changed = Self.chineseFile.replacingOccurrences(of: "CN-2,南江县农技员,,511922,1", with: "CN-2,南江县农技员,,511922,3")
            let update = try await store.importCSV(changed, centreID: centre, dryRun: false, context: VacancyFixture.context)
            #expect(update == VacancyImportReport(dryRun: false, committed: true, rows: 2, updated: 1, unchanged: 1))
            let cn2 = try #require(try await store.list(centreID: centre).items.first { $0.externalID == "CN-2" })
            #expect(cn2.seats == 3)
            _ = try await store.close(id: cn2.id, centreID: centre, context: VacancyFixture.context)
            let refused = try await store.importCSV(Self.chineseFile, centreID: centre, dryRun: false, context: VacancyFixture.context)
            #expect(!refused.committed)
            #expect(refused.problems.map(\.row) == [4], "CN-2 starts on line 4: CN-1's description holds a line break")
            #expect(try await store.get(id: cn2.id, centreID: centre).draft.seats == 3)
        }
    }

    @Test("export then import gives the same posts: Excel-ready CSV (BOM, CRLF) that round-trips exactly")
    func roundTrip() async throws {
        try await withTestDatabase { (database) async throws in
            let centres = try await VacancyFixture.centres(database)
            let store = VacancyStore(database: database)
            var tricky = VacancyFixture.draft("RT-1")
            tricky.title = "标题, 带逗号 \"引号\""
            tricky.description = "第一行\n第二行；有分号; and ; semicolons \\ backslash"
            tricky.householdRules[0].legalBasis = "公告：第三条；第五条; art. 3\\5"
            tricky.incentives = [.init(kind: "housing", amountYuan: nil, note: "周转房: 两室; 一厅")]
            _ = try await store.create(tricky, centreID: centres.tongjiang, context: VacancyFixture.context)
            let exported = try await store.exportCSV(centreID: centres.tongjiang)
            #expect(exported.hasPrefix("\u{FEFF}external_id,title,"))
            #expect(exported.contains("\r\n"))
            #expect(exported.components(separatedBy: "\r\n").count == 5, "header, three posts, end; the description's bare LF stays inside its quoted cell")

            let copy = try await VacancyFixture.emptyCentre("COPY-CENTRE", database)
            let report = try await store.importCSV(exported, centreID: copy, dryRun: false, context: VacancyFixture.context)
            #expect(report.problems == [])
            #expect(report.created == 3)
            let original = try await store.list(centreID: centres.tongjiang, limit: 100).items
            let copied = try await store.list(centreID: copy, limit: 100).items
            var pairs: [(Vacancy, Vacancy)] = []
            for (a, b) in zip(original, copied) {
                pairs.append((try await store.get(id: a.id, centreID: centres.tongjiang), try await store.get(id: b.id, centreID: copy)))
            }
            #expect(pairs.count == 3)
            for (a, b) in pairs {
                #expect(a.draft.canonical == b.draft)
                #expect(a.status == b.status)
            }
            #expect(try await store.exportCSV(centreID: copy) == exported)
            let again = try await store.importCSV(exported, centreID: centres.tongjiang, dryRun: false, context: VacancyFixture.context)
            #expect(again.unchanged == 3 && again.created == 0 && again.updated == 0)
        }
    }

    @Test("offers export as Excel-ready CSV with candidate, state and deadline")
    func offersExport() async throws {
        try await withTestDatabase { (database) async throws in
            try await NightlyFixture.prepare(database)
            guard case .committed(let runID, _) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            let centre = try await VacancyFixture.centreID("BZ-CENTRE", database)
            let csv = try await VacancyStore(database: database).exportOffersCSV(centreID: centre)
            let lines = csv.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(csv.hasPrefix("\u{FEFF}offer_id,vacancy_id,external_id,title,run_id,candidate_name,state,deadline,created_at\r\n"))
            let expected = try await OfferListing.forRun(runID, in: database).filter { !$0.vacancyTitle.hasPrefix("通江") }
            #expect(lines.count == expected.count + 1)
            for offer in expected { #expect(csv.contains(offer.candidateName)) }
        }
    }

    @Test("a 10,000-row file imports in bulk, and re-imports as unchanged")
    func bulkImport() async throws {
        let size = ProcessInfo.processInfo.environment["VACANCY_IMPORT_ROWS"].flatMap(Int.init) ?? 10_000
        try await withTestDatabase { (database) async throws in
            let centre = try await VacancyFixture.emptyCentre("BULK-CENTRE", database)
            var file = "external_id,title,region_code,seats,staffing_type,min_education,accepted_modes,specialties,incentives,household_rules\r\n"
            for index in 0..<size {
                file += "B-\(index),岗位 \(index),511921,\(1 + index % 5),institution,bachelor,full_transfer;remote,082802:same_class;120204,"
                    + "hardship_allowance:\(500 + index % 300):每月,registered_within:511900:定向招录公告第\(index % 9 + 1)条\r\n"
            }
            let store = VacancyStore(database: database)
            let clock = ContinuousClock()
            let start = clock.now
            let report = try await store.importCSV(file, centreID: centre, dryRun: false, context: VacancyFixture.context)
            let first = clock.now - start
            #expect(report == VacancyImportReport(dryRun: false, committed: true, rows: size, created: size))
            #expect(try await VacancyFixture.count("SELECT count(*) FROM vacancy_specialties s JOIN vacancies v ON v.id = s.vacancy_id WHERE v.centre_id = \(centre)", database) == 2 * size)
            #expect(try await VacancyFixture.count("SELECT count(*) FROM vacancy_household_rules r JOIN vacancies v ON v.id = r.vacancy_id WHERE v.centre_id = \(centre)", database) == size)
            let secondStart = clock.now
            let again = try await store.importCSV(file, centreID: centre, dryRun: false, context: VacancyFixture.context)
            let second = clock.now - secondStart
            #expect(again.unchanged == size)
            let exportStart = clock.now
            let exported = try await store.exportCSV(centreID: centre)
            let export = clock.now - exportStart
            #expect(exported.components(separatedBy: "\r\n").count == size + 2)
            print("vacancy CSV import of \(size) rows: first \(first), unchanged re-import \(second), export \(export)")
        }
    }
}
