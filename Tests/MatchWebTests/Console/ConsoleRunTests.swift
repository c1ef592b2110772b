import Foundation
import HummingbirdTesting
import MatchCore
import MatchLocal
@testable import MatchStore
import MatchStoreTesting
@testable import MatchWeb
import Testing

/// The office's nights in the console (issue 15, ADR 0052): the list, one night's part with
/// its verdict, hash and lottery, its offers, and its charts, each of which must draw exactly
/// the numbers of its table and its CSV. 巴中 and 广元 share one market, so one night is
/// both offices' and each must see only its own offers in it.
@Suite("The staff console's runs and charts")
struct ConsoleRunTests {
    /// 巴中 with a floor on 通江县 and 广元 with its demo policy, and tonight's night of their market.
    static func night(_ harness: GatewayHarness) async throws -> Int64 {
        try await NightlyFixture.prepare(harness.app, regions: [.init(region: RegionCode("511921")!, floor: 1, reason: "测试保底")],
                                         offices: .bazhongAndGuangyuan)
        let outcome = try await NightlyFixture.run(harness.app)
        let id = try #require(NightlyFixture.committedRunID(outcome), "nightly: \(outcome)")
        return id
    }

    static func officePart(_ field: String, _ run: Int64, _ office: String, _ harness: GatewayHarness) async throws -> Int64 {
        try await harness.scalar(
            "SELECT (ro.summary ->> '\(field)')::bigint FROM match_run_offices ro JOIN offices o ON o.id = ro.office_id WHERE ro.run_id = \(run) AND o.code = '\(office)'")
    }

    /// Offers of run `run` on posts of `office`'s centres, with an extra condition.
    static func offers(_ run: Int64, _ office: String, _ harness: GatewayHarness, _ condition: String = "true") async throws -> Int64 {
        try await harness.scalar(
            """
            SELECT count(*) FROM offers f JOIN vacancies v ON v.id = f.vacancy_id JOIN centres c ON c.id = v.centre_id
            JOIN offices o ON o.id = c.office_id WHERE f.run_id = \(run) AND o.code = '\(office)' AND \(condition)
            """)
    }

    @Test("before any night the list says how the night runs; after it, the night is listed with its figures and the nights' chart")
    func list() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var admin = try await ConsolePostTests.signedIn(harness, client, login: "runs-admin", role: .officeAdmin, .office(code: "BZ-HR"))
            admin.language = "en"
            let empty = try await admin.get("/console/runs")
            #expect(empty.status == .ok && empty.body.contains("No night yet") && empty.body.contains("talentmatch nightly"))
            #expect(empty.body.contains(#"<a href="/console/runs">Runs</a>"#), "the nav has Runs for an office admin")
            let run = try await Self.night(harness)
            let list = try await admin.get("/console/runs")
            #expect(list.body.contains(#"<a href="/console/runs/\#(run)">"#))
            let offers = try await Self.offers(run, "BZ-HR", harness)
            let seats = try await Self.officePart("seats", run, "BZ-HR", harness)
            let nights = RunPageReading.section(list.body, "nights")
            let rows = RunPageReading.rows(nights)
            #expect(rows.count == 1 && rows.first?.dropFirst().first == String(seats) && rows.first?[2] == String(offers),
                    "the nights' table: seats and offers of 巴中's part: \(rows)")
            // One point per series, each at the height its number says on the chart's scale.
            let maximum = ChartScale.niceMaximum(Double(max(seats, offers)))
            let points = RunPageReading.points(nights)
            #expect(points.count == 5 && points.allSatisfy { $0.count == 1 })
            guard points.count == 5 else { return }
            for (series, column) in zip(0..<5, 1...5) {
                let value = Double(rows.first?[column] ?? "") ?? -1
                #expect(abs((points[series].first ?? -1) - LineChart.y(value, maximum: maximum)) < 0.01, "series \(series)")
            }
            #expect(nights.contains("<title id=\"chart-nights-title\">") && nights.contains("<desc id=\"chart-nights-desc\">"))
            let csv = try await admin.get("/console/runs/charts/nights.csv")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(Array(RunPageReading.csv(csv.body).dropFirst()) == rows, "the CSV holds the table's numbers")
        }
    }

    @Test("a night's page: summary, verdict, hash, lottery, offers searched; each chart draws its table, and the CSVs are the tables")
    func runPage() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var admin = try await ConsolePostTests.signedIn(harness, client, login: "runs-admin", role: .officeAdmin, .office(code: "BZ-HR"))
            admin.language = "en"
            let run = try await Self.night(harness)
            let page = try await admin.get("/console/runs/\(run)")
            #expect(page.status == .ok)
            let hash: String = try await harness.scalar("SELECT snapshot_hash FROM match_runs WHERE id = \(run)", as: String.self)
            let commitment: String = try await harness.scalar("SELECT seed_commitment FROM match_runs WHERE id = \(run)", as: String.self)
            #expect(page.body.contains(hash) && page.body.contains(commitment))
            #expect(page.body.contains("The independent verifier found the night stable"))

            // Fill rate by region: each bar's length is its rate on a scale whose full width is 100 %.
            let fill = RunPageReading.section(page.body, "fill-by-region")
            let fillRows = RunPageReading.rows(fill)
            let fillBars = RunPageReading.bars(fill)
            #expect(!fillRows.isEmpty && fillBars.count == fillRows.count)
            for (row, bars) in zip(fillRows, fillBars) {
                let rate = Double(row[3]) ?? -1
                #expect(abs((bars[0] ?? -1) - rate / 100 * BarChart.plotWidth) < 0.01, "\(row)")
                #expect(row[0].contains("(5119"), "巴中's regions only: \(row[0])")
            }
            let filled = fillRows.compactMap { Int($0[2]) }.reduce(0, +)
            #expect(filled == Int(try await Self.offers(run, "BZ-HR", harness)), "the regions' placements add up to the night's offers")
            #expect(fillRows.compactMap { Int($0[1]) }.reduce(0, +) == Int(try await Self.officePart("seats", run, "BZ-HR", harness)))

            // Choice received: its counts sum to the office's candidates, and each choice's count is the offers' own.
            let choice = RunPageReading.section(page.body, "choice-received")
            let choiceRows = RunPageReading.rows(choice)
            let counts = choiceRows.compactMap { Int($0[1]) }
            #expect(counts.reduce(0, +) == Int(try await Self.officePart("candidates", run, "BZ-HR", harness)))
            for (index, row) in choiceRows.enumerated() where row[0].hasPrefix("Choice ") {
                #expect(Int(row[1]) == Int(try await Self.offers(run, "BZ-HR", harness, "f.choice_rank = \(index + 1)")), "\(row)")
            }
            #expect(choiceRows.last?[0] == "Unplaced" && choiceRows.dropLast().last?[0] == "Placed by another office")
            let scale = ChartScale.niceMaximum(Double(counts.max() ?? 0))
            for (row, bars) in zip(choiceRows, RunPageReading.bars(choice)) {
                #expect(abs((bars[0] ?? -1) - BarChart.length(Double(row[1]) ?? -1, maximum: scale)) < 0.01, "\(row)")
            }

            // Floors: 通江县's floor of one, with what was placed there, three bars a row.
            let floors = RunPageReading.section(page.body, "floors")
            let floorRows = RunPageReading.rows(floors)
            #expect(floorRows.count == 1 && floorRows.first?[0].contains("511921") == true && floorRows.first?[1] == "1")
            let floorBars = RunPageReading.bars(floors)
            if let row = floorRows.first, let bars = floorBars.first {
                let top = ChartScale.niceMaximum(Double(max(Int(row[1]) ?? 0, Int(row[2]) ?? 0)))
                for series in 0..<3 {
                    #expect(abs((bars[series] ?? -1) - BarChart.length(Double(row[series + 1]) ?? -1, maximum: top)) < 0.01)
                }
            }

            // Every chart's CSV is its table.
            for (name, rows) in [("fill-by-region", fillRows), ("choice-received", choiceRows), ("floors", floorRows)] {
                let csv = try await admin.get("/console/runs/\(run)/charts/\(name).csv")
                #expect(csv.status == .ok)
                #expect(Array(RunPageReading.csv(csv.body).dropFirst()) == rows, "\(name).csv")
            }
            #expect(try await admin.get("/console/runs/\(run)/charts/nothing.csv").status == .notFound)

            // Offers: all of 巴中's on the page, a search by post, and the CSV export of the same offers.
            let listed = page.body.matches(of: /<tr><td>(\d+)<\/td><td><a href="\/console\/posts\/(\d+)">/)
            #expect(listed.count == Int(try await Self.offers(run, "BZ-HR", harness)))
            let title: String = try await harness.scalar(
                "SELECT v.title FROM offers f JOIN vacancies v ON v.id = f.vacancy_id WHERE f.run_id = \(run) AND v.region_code LIKE '5119%' ORDER BY f.candidate_id LIMIT 1",
                as: String.self)
            let searched = try await admin.get("/console/runs/\(run)?q=" + Browser.encode(title))
            let hits = searched.body.matches(of: /<tr><td>(\d+)<\/td><td><a href="\/console\/posts\/\d+">([^<]*)<\/a>/)
            #expect(!hits.isEmpty && hits.allSatisfy { $0.2 == title })
            let later = try await admin.get("/console/runs/\(run)?after=\(listed.first.map { String($0.1) } ?? "0")")
            #expect(later.body.matches(of: /<tr><td>(\d+)<\/td><td><a href="\/console\/posts/).count == listed.count - 1, "paging on by candidate")
            let export = try await admin.get("/console/runs/\(run)/offers.csv")
            #expect(export.status == .ok)
            let exported = RunPageReading.csv(export.body).dropFirst()
            #expect(Set(exported.map { $0[1] }) == Set(listed.map { String($0.1) }), "the CSV's candidates are the page's")
        }
    }

    @Test("an analyst reads the runs; a centre editor gets 404; 广元 in the same night sees none of 巴中's offers, and 巴中 none of 广元's")
    func scopes() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var analyst = try await ConsolePostTests.signedIn(harness, client, login: "runs-analyst", role: .officeAnalyst, .office(code: "BZ-HR"))
            var editor = try await ConsolePostTests.signedIn(harness, client, login: "runs-editor", role: .centreEditor, .centre(code: "BZ-CENTRE"))
            var guangyuan = try await ConsolePostTests.signedIn(harness, client, login: "gy-admin", role: .officeAdmin, .office(code: "GY-HR"))
            let run = try await Self.night(harness)
            #expect(try await analyst.get("/console/runs").body.contains(#"<a href="/console/runs/\#(run)">"#))
            let read = try await analyst.get("/console/runs/\(run)")
            #expect(read.status == .ok && read.body.contains(#"<svg class="chart""#))
            for path in ["/console/runs", "/console/runs/\(run)", "/console/runs/\(run)/offers.csv", "/console/runs/\(run)/charts/floors.csv",
                         "/console/runs/charts/nights.csv"] {
                #expect(try await editor.get(path).status == .notFound, "\(path)")
            }
            #expect(!(try await editor.get("/console").body.contains(#"href="/console/runs""#)), "no Runs in a centre editor's nav")
            #expect(try await analyst.get("/console/runs/\(run + 1000)").status == .notFound)

            let bazhongPosts = try await harness.scalar(
                "SELECT count(*) FROM offers f JOIN vacancies v ON v.id = f.vacancy_id WHERE f.run_id = \(run) AND v.region_code LIKE '5119%'")
            let guangyuanOffers = try await Self.offers(run, "GY-HR", harness)
            #expect(bazhongPosts > 0 && guangyuanOffers > 0, "the night placed people with both offices")
            let gyPage = try await guangyuan.get("/console/runs/\(run)")
            #expect(gyPage.status == .ok)
            let gyListed = gyPage.body.matches(of: /<tr><td>\d+<\/td><td><a href="\/console\/posts\/(\d+)">/).map { Int64($0.1) ?? 0 }
            #expect(gyListed.count == Int(guangyuanOffers))
            let bazhongVacancies = try await harness.scalar(
                "SELECT coalesce(array_agg(v.id), '{}') FROM vacancies v WHERE v.region_code LIKE '5119%'", as: [Int64].self)
            #expect(Set(gyListed).isDisjoint(with: bazhongVacancies), "广元's page lists none of 巴中's offers")
            let gyExport = RunPageReading.csv(try await guangyuan.get("/console/runs/\(run)/offers.csv").body).dropFirst()
            #expect(gyExport.count == Int(guangyuanOffers) && gyExport.allSatisfy { !bazhongVacancies.contains(Int64($0[2]) ?? 0) })
            for row in RunPageReading.rows(RunPageReading.section(gyPage.body, "fill-by-region")) {
                #expect(row[0].contains("(5108"), "广元's regions only: \(row[0])")
            }
            let bzListed = read.body.matches(of: /<tr><td>\d+<\/td><td><a href="\/console\/posts\/(\d+)">/).map { Int64($0.1) ?? 0 }
            #expect(bzListed.allSatisfy { bazhongVacancies.contains($0) } && bzListed.count == Int(bazhongPosts))
        }
    }

    @Test("what became of the offers is counted as they move: the nights' figures agree with the offers themselves")
    func outcomes() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var admin = try await ConsolePostTests.signedIn(harness, client, login: "runs-admin", role: .officeAdmin, .office(code: "BZ-HR"))
            admin.language = "en"
            let run = try await Self.night(harness)
            let offer = try await harness.scalar(
                "SELECT f.id FROM offers f JOIN vacancies v ON v.id = f.vacancy_id WHERE f.run_id = \(run) AND v.region_code LIKE '5119%' ORDER BY f.id LIMIT 1")
            let candidate = try await harness.scalar("SELECT candidate_id FROM offers WHERE id = \(offer)")
            _ = try await OfferStore(database: harness.app).accept(offerID: offer, candidateID: candidate, actor: "test")
            let rows = RunPageReading.rows(RunPageReading.section(try await admin.get("/console/runs").body, "nights"))
            #expect(rows.first?[3] == "1", "one acceptance: \(rows)")
            // The kept counts equal a count of the offers, for every run, office and state.
            let disagreeing = try await harness.scalar(
                """
                SELECT count(*) FROM match_run_office_outcomes x FULL JOIN (
                    SELECT f.run_id, c.office_id, count(*) AS offers, count(*) FILTER (WHERE f.state = 'pending') AS pending,
                           count(*) FILTER (WHERE f.state = 'accepted') AS accepted
                    FROM offers f JOIN vacancies v ON v.id = f.vacancy_id JOIN centres c ON c.id = v.centre_id GROUP BY 1, 2
                ) d ON d.run_id = x.run_id AND d.office_id = x.office_id
                WHERE x.offers IS DISTINCT FROM d.offers OR x.pending IS DISTINCT FROM d.pending OR x.accepted IS DISTINCT FROM d.accepted
                """)
            #expect(disagreeing == 0)
            let page = try await admin.get("/console/runs/\(run)")
            #expect(page.body.contains(#"<tr><th scope="row">Accepted</th><td class="number">1</td></tr>"#))
        }
    }
}
