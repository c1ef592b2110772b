import Foundation
import HummingbirdTesting
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
@testable import MatchWeb
import MatchWorkflow
import Testing

/// The parity report of a night (issue 15, ADR 0054): counted once when the night commits, read
/// as the office's own part only, with every cell under five people suppressed on the page and
/// in the CSV alike.
@Suite("The staff console's parity report")
struct ConsoleParityTests {
    /// The number cells of each row of the page's tables, in order, as text (`&lt;` read as `<`).
    static func pageRows(_ body: String) -> [[String]] {
        body.split(separator: "\n").filter { $0.hasPrefix(#"<tr><th scope="row">"#) }.map { line in
            line.matches(of: /<td class="number">([^<]*)<\/td>/).map { String($0.1).replacingOccurrences(of: "&lt;", with: "<") }
        }
    }

    /// The same four figures of each CSV row: applicants, placed, rate, mean choice.
    static func csvRows(_ body: String) -> [[String]] {
        body.split(separator: "\r\n").dropFirst().map { line in
            let cells = line.dropFirst().dropLast().components(separatedBy: "\",\"")
            return Array(cells.suffix(4))
        }
    }

    static func office(_ code: String, _ harness: GatewayHarness) async throws -> Int64 {
        try await harness.scalar("SELECT id FROM offices WHERE code = '\(code)'")
    }

    @Test("the night counts each office's part; an office reads only its own; a centre's editor and an unknown run get 404")
    func ownPartOnly() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var bazhong = try await ConsolePostTests.signedIn(harness, client, login: "parity-bz", role: .officeAnalyst, .office(code: "BZ-HR"))
            bazhong.language = "en"
            let run = try await ConsoleWhatIfTests.committedNight(harness)
            let bz = try await Self.office("BZ-HR", harness), gy = try await Self.office("GY-HR", harness)
            // The household lines add up to the office's applicants and placements as its summary says.
            #expect(try await harness.scalar(
                "SELECT sum(applicants) FROM match_run_parity WHERE run_id = \(run) AND office_id = \(bz) AND dimension = 'household'")
                == (try await harness.scalar("SELECT (summary ->> 'candidates')::bigint FROM match_run_offices WHERE run_id = \(run) AND office_id = \(bz)")))
            let offers = "FROM offers o JOIN vacancies v ON v.id = o.vacancy_id JOIN centres c ON c.id = v.centre_id WHERE o.run_id = \(run) AND c.office_id = \(bz)"
            #expect(try await harness.scalar(
                "SELECT sum(placed) FROM match_run_parity WHERE run_id = \(run) AND office_id = \(bz) AND dimension = 'household'")
                == (try await harness.scalar("SELECT count(*) \(offers)")))
            #expect(try await harness.scalar(
                "SELECT sum(choice_sum)::bigint FROM match_run_parity WHERE run_id = \(run) AND office_id = \(bz) AND dimension = 'region'")
                == (try await harness.scalar("SELECT sum(choice_rank)::bigint \(offers)")), "each placement counts once, in its post's region")
            #expect(try await harness.scalar("SELECT count(*) FROM match_run_parity WHERE run_id = \(run) AND office_id = \(gy)") > 0)

            let page = try await bazhong.get("/console/runs/\(run)/parity")
            #expect(page.status == .ok && page.body.contains("By household registration") && page.body.contains("通江县"))
            #expect(!page.body.contains("利州区") && !page.body.contains("510802"), "none of 广元's regions")
            var guangyuan = try await ConsolePostTests.signedIn(harness, client, login: "parity-gy", role: .officeAdmin, .office(code: "GY-HR"))
            guangyuan.language = "en"
            let theirs = try await guangyuan.get("/console/runs/\(run)/parity")
            #expect(theirs.status == .ok && !theirs.body.contains("511921") && !theirs.body.contains("通江县"), "none of 巴中's regions")
            #expect(try await bazhong.get("/console/runs/\(run + 100)/parity").status == .notFound)
            var centre = try await ConsolePostTests.signedIn(harness, client, login: "parity-centre", role: .centreEditor, .centre(code: "BZ-CENTRE"))
            #expect(try await centre.get("/console/runs/\(run)/parity").status == .notFound)
            #expect(try await centre.get("/console/runs/\(run)/parity.csv").status == .notFound)
        }
    }

    @Test("a cell of four people is suppressed and one of five is shown, on the page in both languages and in the CSV alike")
    func suppressionIsExact() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var admin = try await ConsolePostTests.signedIn(harness, client, login: "parity-admin", role: .officeAdmin, .office(code: "BZ-HR"))
            admin.language = "en"
            let run = try await ConsoleWhatIfTests.committedNight(harness)
            let bz = try await Self.office("BZ-HR", harness)
            // Counts chosen at the edge: 4 and 5, with two small cells in each household column,
            // so that no complementary cell is hidden here (that rule has its own test below).
            try await harness.execute("DELETE FROM match_run_parity WHERE run_id = \(run) AND office_id = \(bz)")
            try await harness.execute(
                """
                INSERT INTO match_run_parity (run_id, office_id, dimension, key, applicants, placed, choice_sum) VALUES
                (\(run), \(bz), 'household', 'local', 12, 5, 7), (\(run), \(bz), 'household', 'province', 4, 4, 4),
                (\(run), \(bz), 'household', 'other', 5, 0, 0), (\(run), \(bz), 'household', 'unknown', 3, 1, 1),
                (\(run), \(bz), 'region', '511921', 5, 4, 6), (\(run), \(bz), 'region', '511902', 4, 0, 0)
                """)
            let page = try await admin.get("/console/runs/\(run)/parity")
            let rows = Self.pageRows(page.body)
            #expect(rows == [
                ["12", "5", "41.7%", "1.40"], ["<5", "<5", "<5", "<5"], ["5", "0", "0.0%", "—"], ["<5", "<5", "<5", "<5"],
                ["<5", "0", "<5", "—"], ["5", "<5", "<5", "<5"],
            ], "\(rows)")
            let csv = try await admin.get("/console/runs/\(run)/parity.csv")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(Self.csvRows(csv.body) == rows.map { Array($0.suffix(4)) }, "the CSV carries exactly the page's cells")
            #expect(csv.body.contains(#""By household registration","Another province","","5","0","0.0%","—""#))

            admin.language = "zh-CN"
            let chinese = try await admin.get("/console/runs/\(run)/parity")
            #expect(chinese.body.contains("<td class=\"number\">少于5人</td>") && !chinese.body.contains("&lt;5"))
            let chineseCSV = try await admin.get("/console/runs/\(run)/parity.csv")
            #expect(Self.csvRows(chineseCSV.body) == Self.pageRows(chinese.body).map { Array($0.suffix(4)) })
        }
    }

    @Test("where one household cell alone is under five, the next smallest is hidden too, or the total would give it away")
    func complementaryCell() {
        let cells = [("local", 30, 20), ("province", 3, 0), ("other", 9, 6), ("unknown", 0, 0)].map {
            ParityCell(dimension: .household, key: $0.0, applicants: $0.1, placed: $0.2, choiceSum: $0.2 * 2)
        }
        let report = RunParityReader.Report(runID: 1, date: "2026-12-08", status: "committed", household: cells, regions: [])
        let table = ParityTable(report, words: .init(suppressed: "<5", hidden: "hidden", none: "—"), householdLabel: { $0 })
        #expect(table.household.map(\.applicants) == ["30", "<5", "hidden", "0"])
        #expect(table.household.map(\.placed) == ["20", "0", "6", "0"], "no placed cell is under five, so none is hidden")
        #expect(table.household.map(\.rate) == ["66.7%", "<5", "hidden", "—"], "a rate from a hidden count is not shown")
        #expect(table.household.map(\.meanChoice) == ["2.00", "—", "2.00", "—"])

        // One placed cell under five: the next smallest placed cell is hidden, and so is its mean,
        // which times the count is a whole number and would narrow the hidden count down.
        let placed = [("local", 30, 20), ("province", 10, 3), ("other", 9, 6), ("unknown", 0, 0)].map {
            ParityCell(dimension: .household, key: $0.0, applicants: $0.1, placed: $0.2, choiceSum: $0.2 * 2)
        }
        let second = ParityTable(RunParityReader.Report(runID: 1, date: "2026-12-08", status: "committed", household: placed, regions: []),
                                 words: .init(suppressed: "<5", hidden: "hidden", none: "—"), householdLabel: { $0 })
        #expect(second.household.map(\.applicants) == ["30", "10", "9", "0"])
        #expect(second.household.map(\.placed) == ["20", "<5", "hidden", "0"])
        #expect(second.household.map(\.rate) == ["66.7%", "<5", "hidden", "—"])
        #expect(second.household.map(\.meanChoice) == ["2.00", "<5", "hidden", "—"])
    }
}
