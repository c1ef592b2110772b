import Crypto
import Foundation
import MatchCore
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

@Suite("One market each night: offices matched together, whatever order they came in")
struct MarketNightTests {
    @Test("Two offices sharing candidates, created and scheduled in either order, give the same offers; one run per market and night")
    func scheduleOrderDoesNotMatter() async throws {
        let first = try await withTestDatabase(role: .application) { database in
            try await TwoOfficeMarket.load(database, first: TwoOfficeMarket.guangyuan)
            let outcome = try await NightlyJob(database: database).run(officeCode: "BZ-HR", options: TwoOfficeMarket.options())
            guard case .committed(let runID, let report) = outcome else { throw Unexpected(outcome: "\(outcome)") }
            #expect(report.summary.stable)
            #expect(report.offices.map(\.office.code) == ["BZ-HR", "GY-HR"])
            for part in report.offices {
                let ranked = try await NightlyFixture.count(
                    """
                    SELECT count(DISTINCT r.candidate_id)
                    FROM (SELECT DISTINCT ON (candidate_id) candidate_id, choices FROM rankings ORDER BY candidate_id, version DESC) r
                    CROSS JOIN unnest(r.choices) AS chosen(id)
                    JOIN vacancies v ON v.id = chosen.id JOIN centres c ON c.id = v.centre_id JOIN offices o ON o.id = c.office_id
                    WHERE o.code = '\(part.office.code)'
                    """, database)
                #expect(ranked > 0 && part.summary.candidates == ranked, "\(part.office.code): those who ranked one of its posts")
            }
            let again = try await NightlyJob(database: database).run(officeCode: "GY-HR", options: TwoOfficeMarket.options())
            guard case .alreadyDone(let same) = again else { throw Unexpected(outcome: "\(again)") }
            #expect(same == runID, "the other office's start finds the market's run")
            #expect(try await NightlyFixture.count("SELECT count(*) FROM match_runs", database) == 1)
            return try await TwoOfficeMarket.offers(database)
        }
        let second = try await withTestDatabase(role: .application) { database in
            try await TwoOfficeMarket.load(database, first: TwoOfficeMarket.bazhong)
            let outcome = try await NightlyJob(database: database).run(officeCode: "GY-HR", options: TwoOfficeMarket.options())
            guard case .committed = outcome else { throw Unexpected(outcome: "\(outcome)") }
            return try await TwoOfficeMarket.offers(database)
        }
        #expect(first == second)
        #expect(Set(first.values).contains { $0.hasPrefix("GY") } && Set(first.values).contains { $0.hasPrefix("BZ") })
        #expect(first.count >= 6, "\(first)")
    }

    @Test("Each post is scored by its own office's policy, and explanations name it")
    func postsScoredByTheirOffice() async throws {
        try await withTestDatabase(role: .application) { database in
            try await TwoOfficeMarket.load(database, first: TwoOfficeMarket.guangyuan)
            guard case .committed(let runID, _) = try await NightlyJob(database: database).run(market: .only, options: TwoOfficeMarket.options())
            else { Issue.record("no commit"); return }
            let rows = try await database.client.query(
                "SELECT v.external_id, o.explanation ->> 'policy' FROM offers o JOIN vacancies v ON v.id = o.vacancy_id WHERE o.run_id = \(runID)"
            )
            var named = 0
            for try await (post, policy) in rows.decode((String, String?).self) {
                #expect(policy == (post.hasPrefix("GY") ? "GY-HR v1" : "BZ-HR v1"), "\(post)")
                named += 1
            }
            #expect(named > 0)
        }
    }

    @Test("Caps and floors count what earlier nights hold: a cap of 3 means 3 people, not 3 a night")
    func capsCountEarlierNights() async throws {
        try await withTestDatabase(role: .application) { database in
            try await NightlyFixture.prepare(database, regions: [.init(region: RegionCode("5119")!, cap: 3)])
            guard case .committed(_, let first) = try await NightlyFixture.run(database, date: NightlyFixture.night(daysAgo: 1)) else {
                Issue.record("no first night"); return
            }
            #expect(first.offers == 3)
            guard case .committed(_, let second) = try await NightlyFixture.run(database) else { Issue.record("no second night"); return }
            #expect(second.offers == 0, "the 3 pending offers already fill the cap")
            #expect(try await NightlyFixture.count("SELECT count(*) FROM offers WHERE state = 'pending'", database) == 3)
        }
    }

    @Test("A choice's rank is its rank in the whole list, in the stored offer and its explanation")
    func wholeListRank() async throws {
        try await withTestDatabase(role: .application) { database in
            try await NightlyFixture.prepare(database)
            // 孙悦 ranks 巴州区融资专员 (BZ-2026-004) first and 恩阳区项目管理专员 second; the first closes.
            try await database.client.query("UPDATE vacancies SET status = 'closed' WHERE external_id = 'BZ-2026-004'")
            guard case .committed(let runID, _) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            let rows = try await database.client.query(
                """
                SELECT o.choice_rank, (o.explanation ->> 'choice')::int FROM offers o JOIN candidates c ON c.id = o.candidate_id
                WHERE o.run_id = \(runID) AND c.full_name = '孙悦'
                """
            )
            var found = false
            for try await (rank, choice) in rows.decode((Int, Int).self) {
                #expect(rank == 2 && choice == 2)
                found = true
            }
            #expect(found, "孙悦 is placed at her second choice")
        }
    }

    @Test("A night for a future date is refused, and an offer's deadline counts from its night")
    func datesMeanWhatTheySay() async throws {
        try await withTestDatabase(role: .application) { database in
            try await NightlyFixture.prepare(database)
            let tomorrow = CalendarDate.today().adding(days: 1).description
            await #expect(throws: NightlyError.futureNight(night: tomorrow, today: CalendarDate.today().description)) {
                try await NightlyFixture.run(database, date: tomorrow)
            }
            let night = NightlyFixture.night(daysAgo: 2)
            guard case .committed = try await NightlyFixture.run(database, date: night) else { Issue.record("no commit"); return }
            let expected = "\(CalendarDate(night)!.adding(days: 8)) 00:00:00+08"
            let rows = try await database.client.query(
                "SELECT DISTINCT to_char(deadline AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') || '+08' FROM offers"
            )
            var deadlines: [String] = []
            for try await deadline in rows.decode(String.self) { deadlines.append(deadline) }
            #expect(deadlines == [expected], "the end of the seventh day after the night, China Standard Time")
            await #expect(throws: NightlyError.nightTooOld(night: NightlyFixture.night(daysAgo: 9), deadline: NightlyFixture.night(daysAgo: 2))) {
                try await NightlyFixture.run(database, date: NightlyFixture.night(daysAgo: 9), rerun: true)
            }
            #expect(try await NightlyFixture.count("SELECT count(*) FROM market_freezes WHERE released_at IS NULL", database) == 0,
                    "a refused night unfreezes rankings again")
        }
    }

    @Test("A post whose region a new reference edition retired is left out with its reason; the rest of the market runs")
    func unusableRowLeftOut() async throws {
        try await withTestDatabase(role: .application) { database in
            try await NightlyFixture.prepare(database)
            // 平昌县乡镇法律顾问 (BZ-2026-003, 1 seat) lies in 511923; a newer edition retired the code yesterday.
            try await database.client.query("UPDATE regions SET valid_to = current_date - 1 WHERE code = '511923'")
            guard case .committed(let runID, let report) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            #expect(report.offers == 13, "every other seat fills")
            #expect(report.summary.excluded == ["region-not-in-force": 1])
            #expect(report.exclusions.map(\.reason) == [.regionNotInForce])
            let left = try await RunReports(database: database).exclusions(vacancyID: report.exclusions[0].vacancyID)
            #expect(left.map(\.runID) == [runID] && left.first?.externalID == "BZ-2026-003")
            #expect(left.first?.detail.contains("511923") == true)
        }
    }

    @Test("A household rule that registration lie outside a region is applied by the engine, not refused")
    func registeredOutsideApplied() async throws {
        try await withTestDatabase(role: .application) { database in
            try await NightlyFixture.prepare(database)
            // 平昌县乡镇法律顾问 is ranked by 赵婷 (registered in 成都) and 黄磊 (registered in 平昌县, inside 巴中).
            try await database.client.query(
                """
                INSERT INTO vacancy_household_rules (vacancy_id, kind, region_code, legal_basis)
                SELECT id, 'registered_outside', '511900', 'test basis, article 1' FROM vacancies WHERE external_id = 'BZ-2026-003'
                """
            )
            guard case .committed(let runID, let report) = try await NightlyFixture.run(database) else { Issue.record("no commit"); return }
            #expect(report.summary.excluded.isEmpty)
            let rows = try await database.client.query(
                """
                SELECT c.full_name, c.hukou_region_code FROM offers o JOIN candidates c ON c.id = o.candidate_id
                JOIN vacancies v ON v.id = o.vacancy_id WHERE o.run_id = \(runID) AND v.external_id = 'BZ-2026-003'
                """
            )
            for try await (name, hukou) in rows.decode((String, String?).self) {
                #expect(hukou?.hasPrefix("5119") == false, "\(name) is registered outside 巴中")
            }
        }
    }

    struct Unexpected: Error { let outcome: String }
}

@Suite("A what-if re-solves the whole market with one office's draft")
struct MarketWhatIfTests {
    @Test("Changes on the office's own posts are told apart from what spills over to the other office's")
    func ownPostsAndSpillover() async throws {
        try await withTestDatabase(role: .application) { database in
            try await TwoOfficeMarket.load(database, first: TwoOfficeMarket.guangyuan)
            guard case .committed = try await NightlyJob(database: database).run(market: .only, options: TwoOfficeMarket.options()) else {
                Issue.record("no commit"); return
            }
            let committed = try await TwoOfficeMarket.offers(database)
            let onGuangyuan = committed.values.filter { $0.hasPrefix("GY") }.count
            #expect(onGuangyuan > 0)
            let same = try await NightlyJob(database: database).run(
                market: .only, options: TwoOfficeMarket.options(dryRun: true), whatIf: ("GY-HR", nil)
            )
            guard case .dryRun(_, let unchanged) = same else { Issue.record("no what-if"); return }
            #expect(unchanged.ownPosts.changed + unchanged.spillover.changed == 0, "the current policies give the committed night")
            var draft = TwoOfficeMarket.guangyuan.policy
            draft.regions = [.init(region: RegionCode("5108")!, cap: 0)]
            let capped = try await NightlyJob(database: database).run(
                market: .only, options: TwoOfficeMarket.options(dryRun: true), whatIf: ("GY-HR", draft)
            )
            guard case .dryRun(let report, let difference) = capped else { Issue.record("no what-if"); return }
            #expect(report.part(of: "GY-HR")?.summary.filled == 0)
            #expect(difference.ownPosts.changed == onGuangyuan, "everyone placed on 广元's posts is placed differently")
            #expect(Set(difference.spilloverByOffice.keys).isSubset(of: ["BZ-HR"]))
            let movedToBazhong = difference.spilloverByOffice["BZ-HR"]?.gained ?? 0
            #expect(difference.moved + difference.newlyPlaced + difference.noLongerPlaced
                    == difference.ownPosts.changed + difference.spillover.changed)
            #expect(movedToBazhong <= difference.ownPosts.moved + difference.spillover.changed)
            #expect(try await TwoOfficeMarket.offers(database) == committed, "a what-if writes nothing")
        }
    }
}
