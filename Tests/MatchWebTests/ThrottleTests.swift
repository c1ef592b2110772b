import Foundation
import Hummingbird
import HummingbirdTesting
import MatchStore
import MatchWeb
import Testing

@Suite("Log-in throttling")
struct ThrottleTests {
    @Test("the 101st failure within an hour is answered 429 with Retry-After, even with the right password; it lifts as failures age")
    func perAccount() async throws {
        try await GatewayHarness.run { harness, client in
            var browser = Browser(client)
            try await harness.register(&browser, contact: "13800138000")
            _ = try await browser.post("/logout", [])
            _ = try await browser.get("/login")
            // 99 recorded failures (from many addresses) plus one real one through the form.
            try await harness.execute(
                "INSERT INTO login_failures (account_key, address, at) SELECT '13800138000', 'x' || g, now() - interval '10 minutes' FROM generate_series(1, 99) g")
            let wrong = try await browser.post("/login", [("contact", "138 0013 8000"), ("password", "not the password")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("password-error"))
            let blocked = try await browser.post("/login", [("contact", "13800138000"), ("password", "a long enough passphrase")])
            #expect(blocked.status == .tooManyRequests)
            let retry = try #require(blocked.headers[.retryAfter].flatMap(Int.init))
            #expect(retry > 0 && retry <= 3600)
            // No permanent lockout: once the failures are over an hour old, the right password works.
            try await harness.execute("UPDATE login_failures SET at = now() - interval '61 minutes'")
            let ok = try await browser.post("/login", [("contact", "13800138000"), ("password", "a long enough passphrase")])
            #expect(ok.status == .seeOther)
        }
    }

    @Test("concurrent wrong passwords cannot overshoot the limit: exactly the limit is answered 401, the rest 429")
    func concurrentGuesses() async throws {
        let limits = LoginThrottleStore.Limits(perAccount: 10, perAddress: 1000, windowSeconds: 3600)
        try await GatewayHarness.run(configuration: GatewayConfiguration(throttle: limits)) { harness, client in
            var owner = Browser(client)
            try await harness.register(&owner, contact: "race@example.cn")
            var guessers: [Browser] = []
            for _ in 0..<40 {
                var guesser = Browser(client)
                _ = try await guesser.get("/login")
                guessers.append(guesser)
            }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (index, guesser) in guessers.enumerated() {
                    group.addTask {
                        var browser = guesser
                        return try await browser.post("/login", [("contact", "race@example.cn"), ("password", "guess number \(index)")]).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 10, "\(statuses.map(\.code))")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 30)
            #expect(try await harness.scalar("SELECT count(*) FROM login_failures WHERE account_key = 'race@example.cn'") == 10)
        }
    }

    @Test("one address failing across many accounts is limited too")
    func perAddress() async throws {
        let limits = LoginThrottleStore.Limits(perAccount: 100, perAddress: 5, windowSeconds: 3600)
        try await GatewayHarness.run(configuration: GatewayConfiguration(trustForwardedFor: true, throttle: limits)) { harness, client in
            var browser = Browser(client)
            browser.forwardedFor = "10.0.0.1, 203.0.113.9"
            _ = try await browser.get("/login")
            for index in 1...5 {
                let page = try await browser.post("/login", [("contact", "user\(index)@example.cn"), ("password", "whatever password")])
                #expect(page.status == .unauthorized)
            }
            let blocked = try await browser.post("/login", [("contact", "user6@example.cn"), ("password", "whatever password")])
            #expect(blocked.status == .tooManyRequests && blocked.headers[.retryAfter] != nil)
            #expect(try await harness.scalar("SELECT count(*) FROM login_failures WHERE address = '203.0.113.9'") == 5)
            // Another address is unaffected.
            browser.forwardedFor = "203.0.113.10"
            #expect(try await browser.post("/login", [("contact", "user6@example.cn"), ("password", "whatever password")]).status == .unauthorized)
        }
    }
}

@Suite("Isolation")
struct IsolationTests {
    @Test("a candidate cannot see or answer another's offer, nor a draft post: 404")
    func otherIds() async throws {
        try await GatewayHarness.run { harness, client in
            var alice = Browser(client)
            let aliceID = try await harness.register(&alice, contact: "alice@example.cn")
            var bob = Browser(client)
            try await harness.register(&bob, contact: "bob@example.cn")
            let vacancy = try await harness.makeVacancy()
            let draft = try await harness.makeVacancy(title: "草稿岗位", status: "draft")
            let offer = try await OfferFixture.make(harness, candidate: aliceID, vacancy: vacancy)
            #expect(try await bob.post("/offer/\(offer)/accept", []).status == .notFound)
            #expect(try await bob.post("/offer/\(offer)/decline", [("reason", "not mine")]).status == .notFound)
            #expect(try await harness.scalar("SELECT count(*) FROM offers WHERE id = \(offer) AND state = 'pending'") == 1)
            let bobsOffer = try await bob.get("/offer")
            #expect(!bobsOffer.body.contains("通江县农技站"))
            #expect(try await bob.get("/posts/\(draft)").status == .notFound)
            #expect(try await bob.get("/posts/999999").status == .notFound)
            #expect(try await alice.post("/offer/\(offer)/accept", []).status == .seeOther)
            #expect(try await harness.scalar("SELECT count(*) FROM offers WHERE id = \(offer) AND state = 'accepted'") == 1)
        }
    }
}

/// A committed run with one offer, written directly (the nightly job itself is tested in MatchStoreTests).
enum OfferFixture {
    static func make(_ harness: GatewayHarness, candidate: Int64, vacancy: Int64, deadlineDays: Int = 7) async throws -> Int64 {
        try await harness.execute(
            """
            INSERT INTO policies (office_id, version, weights, offer_days, created_by)
            SELECT id, 1, '{}', 7, 'test' FROM offices WHERE code = 'T-OFFICE' ON CONFLICT DO NOTHING
            """
        )
        let run: Int64 = try await harness.scalar(
            """
            INSERT INTO match_runs (market_id, office_id, run_date, status, seed, policy_id, snapshot_hash, solver, solver_version, started_at)
            SELECT o.market_id, o.id, current_date - (SELECT count(*) FROM match_runs)::int, 'committed', 1, p.id, repeat('a', 64), 'test', '1', now()
            FROM offices o JOIN policies p ON p.office_id = o.id WHERE o.code = 'T-OFFICE' LIMIT 1 RETURNING id
            """
        )
        return try await harness.scalar(
            """
            INSERT INTO offers (run_id, candidate_id, vacancy_id, choice_rank, score, deadline, explanation)
            VALUES (\(run), \(candidate), \(vacancy), 1, 71.5, now() + interval '\(deadlineDays) days',
                    '{"vacancy":"v\(vacancy)","score":71.5,"breakdown":{"specialty-fit":[1,40,40],"experience":[0.5,20,10]},"admittedBy":[],"rankedAbove":[]}')
            RETURNING id
            """
        )
    }
}
