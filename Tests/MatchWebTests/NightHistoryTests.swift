import Foundation
import HummingbirdTesting
import MatchLocal
import MatchStore
import MatchStoreTesting
import MatchWeb
import MatchWorkflow
import Testing

/// A candidate sees every night they took part in, each explained from that night's cutoffs
/// (issue 16, ADR 0038), not only the newest.
@Suite("My nights")
struct NightHistoryTests {
    @Test("two nights: the offer page lists both; the older night's page shows that night's cutoffs and verdicts, not the newest's")
    func olderNightExplained() async throws {
        try await GatewayHarness.run { harness, client in
            _ = try await DemoDataset(database: harness.owner).load()
            _ = try await PolicyStore(database: harness.app).create(
                officeCode: NightlyFixture.office, draft: PolicyDraft(regions: []), actor: "test")
            #expect(try await DemoLogin.ensure(in: harness.app))
            let first = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(harness.app, date: NightlyFixture.night(daysAgo: 1))))
            let candidate: Int64 = try await harness.scalar("SELECT id FROM candidates WHERE contact = '\(DemoLogin.contact)'")
            let offer: Int64 = try await harness.scalar("SELECT id FROM offers WHERE run_id = \(first) AND candidate_id = \(candidate)")
            #expect(try await OfferStore(database: harness.app).decline(offerID: offer, candidateID: candidate, reason: "too far", actor: "test") == .done)
            let second = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(harness.app, date: NightlyFixture.night())))

            let store = CandidateNightStore(database: harness.app)
            #expect(try await store.nights(candidateID: candidate).map(\.runID) == [second, first], "newest first")
            let older = try #require(try await store.night(candidateID: candidate, runID: first))
            let newer = try #require(try await store.night(candidateID: candidate, runID: second))
            #expect(older.posts.map(\.verdict) != newer.posts.map(\.verdict), "the two nights must differ for this test to mean anything")

            var browser = Browser(client)
            browser.language = "en"
            _ = try await browser.get("/login")
            #expect(try await browser.post("/login", [("contact", DemoLogin.contact), ("password", DemoLogin.password)]).status == .seeOther)
            let offerPage = try await browser.get("/offer").body
            #expect(offerPage.contains("the night of \(newer.night)") && offerPage.contains(#"href="/offer/nights/\#(first)""#))
            #expect(Self.cells(offerPage) == Self.expected(newer), "the offer page explains the newest night")

            let olderPage = try await browser.get("/offer/nights/\(first)")
            #expect(olderPage.status == .ok)
            #expect(olderPage.body.contains("the night of \(older.night)") && olderPage.body.contains(#"href="/offer/nights/\#(second)""#))
            #expect(Self.cells(olderPage.body) == Self.expected(older), "that night's cutoffs and verdicts")
            #expect(Self.cells(olderPage.body) != Self.expected(newer))
            #expect(olderPage.body.contains("Offered to you this night."), "the first night offered the post they later declined")
            #expect(offerPage.contains("You declined this post"), "the second night skips the declined post")

            // The data export carries both nights, each post's cutoff and verdict as the pages show them.
            let export = try await browser.get("/data/export.json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(export.body.utf8)) as? [String: Any])
            let nights = try #require(document["nights"] as? [[String: Any]])
            #expect(nights.compactMap { $0["run_id"] as? Int64 } == [second, first])
            for (exported, night) in zip(nights, [newer, older]) {
                let posts = try #require(exported["posts"] as? [[String: Any]])
                #expect(posts.compactMap { $0["vacancy_id"] as? Int64 } == night.posts.map(\.vacancyID))
                #expect(posts.compactMap { ($0["verdict"] as? [String: Any])?["code"] as? String } == night.posts.map(\.verdict).map(Self.code))
                #expect(posts.map { ($0["cutoff"] as? [String: Any])?["value"] as? Double } == night.posts.map { post in
                    if case .score(let score)? = post.cutoff { return score } else { return nil }
                })
                #expect((exported["read_as_of"] as? [String: String])?["profile"] == "night")
                #expect((exported["read_as_of"] as? [String: String])?["posts"] == "night")
            }
            let offered = try #require((nights.last?["posts"] as? [[String: Any]])?.first { ($0["verdict"] as? [String: Any])?["code"] as? String == "offered" })
            #expect(offered["score"] is Double && offered["breakdown"] is [Any] && offered["policy"] is String)

            browser.language = "zh-CN"
            let chinese = try await browser.get("/offer/nights/\(first)").body
            #expect(chinese.contains("您参加过的匹配夜") && chinese.contains("计算依据"))
        }
    }

    @Test("education edited after a night: that night's page and export keep the night's scores and verdicts and say so; the next night's use the new education")
    func profileEditedAfterNight() async throws {
        try await GatewayHarness.run { harness, client in
            _ = try await DemoDataset(database: harness.owner).load()
            _ = try await PolicyStore(database: harness.app).create(
                officeCode: NightlyFixture.office, draft: PolicyDraft(regions: []), actor: "test")
            #expect(try await DemoLogin.ensure(in: harness.app))
            let first = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(harness.app, date: NightlyFixture.night(daysAgo: 1))))
            let candidate: Int64 = try await harness.scalar("SELECT id FROM candidates WHERE contact = '\(DemoLogin.contact)'")
            let offer: Int64 = try await harness.scalar("SELECT id FROM offers WHERE run_id = \(first) AND candidate_id = \(candidate)")
            #expect(try await OfferStore(database: harness.app).decline(offerID: offer, candidateID: candidate, reason: "too far", actor: "test") == .done)
            var browser = Browser(client)
            browser.language = "en"
            _ = try await browser.get("/login")
            #expect(try await browser.post("/login", [("contact", DemoLogin.contact), ("password", DemoLogin.password)]).status == .seeOther)
            let before = try await browser.get("/offer/nights/\(first)").body
            let exportedBefore = try await Self.exportedScores(&browser, runID: first)
            #expect(!before.contains("You changed your profile after that night"))

            // The candidate edits their education through the profile form (a doctorate is above every post's minimum).
            let profile = try #require(try await CandidateProfileStore(database: harness.app).load(candidateID: candidate))
            try #require(profile.education != "doctorate")
            let saved = try await harness.saveProfile(&browser, specialty: try #require(profile.specialties.first), education: "doctorate",
                                                      years: profile.experienceYears, modes: profile.acceptedModes)
            #expect(saved.status == .seeOther)

            let after = try await browser.get("/offer/nights/\(first)").body
            #expect(Self.cells(after) == Self.cells(before) && Self.scores(after) == Self.scores(before), "that night's verdicts and scores")
            #expect(after.contains("You changed your profile after that night. The scores below still use the profile you had that night"))
            #expect(try await Self.exportedScores(&browser, runID: first) == exportedBefore)

            let second = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(harness.app, date: NightlyFixture.night())))
            let next = try await browser.get("/offer/nights/\(second)").body
            let newer = try #require(try await CandidateNightStore(database: harness.app).night(candidateID: candidate, runID: second))
            #expect(Self.scores(next) == newer.posts.compactMap { $0.breakdown.map { String(format: "%.2f", $0.score) } })
            #expect(Self.scores(next) != Self.scores(before), "the new education scores differently")
            #expect(!next.contains("You changed your profile after that night"))

            browser.language = "zh-CN"
            #expect(try await browser.get("/offer/nights/\(first)").body.contains("以下得分仍按您当晚的资料计算"))
        }
    }

    @Test("a post whose requirements of that night are not kept: the night's page says so, in both languages, and the export too")
    func postsNotKept() async throws {
        try await GatewayHarness.run { harness, client in
            _ = try await DemoDataset(database: harness.owner).load()
            _ = try await PolicyStore(database: harness.app).create(
                officeCode: NightlyFixture.office, draft: PolicyDraft(regions: []), actor: "test")
            #expect(try await DemoLogin.ensure(in: harness.app))
            let run = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(harness.app, date: NightlyFixture.night(daysAgo: 1))))
            var browser = Browser(client)
            browser.language = "en"
            _ = try await browser.get("/login")
            #expect(try await browser.post("/login", [("contact", DemoLogin.contact), ("password", DemoLogin.password)]).status == .seeOther)
            let notice = "its requirements as they were that night are not on record"
            #expect(!(try await browser.get("/offer/nights/\(run)").body.contains(notice)), "every post's version is kept from the seed")
            // As migration 0103 leaves posts whose requirements last changed after a night: their one version is from after it.
            try await harness.execute("UPDATE vacancy_requirement_versions SET valid_from = now() + interval '1 second'")
            #expect(try await browser.get("/offer/nights/\(run)").body.contains(notice))
            let export = try await browser.get("/data/export.json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(export.body.utf8)) as? [String: Any])
            let night = try #require((document["nights"] as? [[String: Any]])?.first { $0["run_id"] as? Int64 == run })
            #expect((night["read_as_of"] as? [String: String])?["posts"] == "recorded_later")
            browser.language = "zh-CN"
            #expect(try await browser.get("/offer/nights/\(run)").body.contains("没有当晚岗位要求的记录"))
        }
    }

    /// A night's scores in the data export, post by post, with what each part is read as of.
    private static func exportedScores(_ browser: inout Browser, runID: Int64) async throws -> [String] {
        let export = try await browser.get("/data/export.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(export.body.utf8)) as? [String: Any])
        let night = try #require((document["nights"] as? [[String: Any]])?.first { $0["run_id"] as? Int64 == runID })
        #expect((night["read_as_of"] as? [String: String])?["profile"] == "night")
        let posts = try #require(night["posts"] as? [[String: Any]])
        return posts.map { "\($0["score"] as? Double ?? -1) \((($0["verdict"] as? [String: Any])?["code"] as? String) ?? "")" }
    }

    /// Each post's score as the page shows it, in page order.
    static func scores(_ html: String) -> [String] {
        html.matches(of: #/<dt>Your score</dt><dd>([^<]*)</dd>/#).map { String($0.output.1) }
    }

    @Test("a night the candidate was not in, or a run that does not exist, is not found")
    func notTheirs() async throws {
        try await GatewayHarness.run { harness, client in
            _ = try await DemoDataset(database: harness.owner).load()
            _ = try await PolicyStore(database: harness.app).create(
                officeCode: NightlyFixture.office, draft: PolicyDraft(regions: []), actor: "test")
            let run = try #require(NightlyFixture.committedRunID(try await NightlyFixture.run(harness.app)))
            var browser = Browser(client)
            try await harness.register(&browser, contact: "nonight@example.cn")
            #expect(try await browser.get("/offer/nights/\(run)").status == .notFound)
            #expect(try await browser.get("/offer/nights/999999").status == .notFound)
            #expect(try await browser.get("/offer").body.contains(#"id="nights""#) == false)
        }
    }

    /// Each ranked post's cutoff and verdict, in page order, as the page shows them.
    static func cells(_ html: String) -> [String] {
        let unescaped = html.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&apos;", with: "'")
        let pattern = #/<dt>Cutoff</dt><dd>([^<]*)</dd>|<p class="verdict">([^<]*)</p>/#
        // A failed rule's wording is ReasonText's (tested elsewhere); here only that it is one.
        return unescaped.matches(of: pattern).map { String($0.output.1 ?? $0.output.2 ?? "") }
            .map { $0.hasPrefix("Not eligible:") ? "Not eligible:" : $0 }
    }

    /// The same, worded from the store's night as `NightText` words it in English.
    static func expected(_ night: CandidateNight) -> [String] {
        night.posts.flatMap { post -> [String] in
            let cutoff: String = switch post.cutoff {
            case nil: "not in that night's match"
            case .open?: "open (seats were left)"
            case .score(let score)?: String(format: "%.2f", score)
            case .rank(let position)?: "#\(position)"
            }
            return [cutoff, verdictPrefix(post.verdict)]
        }
    }

    private static func code(_ verdict: CandidateNight.Verdict) -> String {
        switch verdict {
        case .offered: "offered"
        case .gotHigherChoice: "got_higher_choice"
        case .notEligible: "not_eligible"
        case .belowCutoff: "below_cutoff"
        case .lostOnLottery: "lost_on_lottery"
        case .capReached: "cap_reached"
        case .declinedBefore: "declined_before"
        case .notInNight: "not_in_night"
        }
    }

    private static func verdictPrefix(_ verdict: CandidateNight.Verdict) -> String {
        switch verdict {
        case .offered: "Offered to you this night."
        case .declinedBefore: "You declined this post or let its offer expire, so it is not offered to you again."
        case .belowCutoff(let by): "Your score was below the cutoff by \(String(format: "%.2f", by)) points."
        case .gotHigherChoice(let rank): "You got your choice no. \(rank), which you ranked higher."
        case .lostOnLottery: "Your score equalled the cutoff; the night's published lottery put the last person admitted ahead of you."
        case .capReached: "Seats were left, but the region's cap on placements was reached."
        case .notInNight: "It was not in that night's match: it was closed, or its seats were held by earlier offers."
        case .notEligible: "Not eligible:"
        }
    }
}
