import Foundation
import HummingbirdTesting
import MatchLocal
@testable import MatchStore
@testable import MatchWeb
import Testing

/// What the review, audit and administration tests share: a signed-in staff member with their
/// authenticator key (re-authentication needs a fresh code), a session aged past the
/// re-authentication window, and a review request filed against an offer on an office's post.
enum ConsoleAdminFixture {
    static func signedIn(_ harness: GatewayHarness, _ client: any TestClientProtocol, login: String, role: StaffRoleCode,
                         _ organisation: StaffInvite.Organisation) async throws -> (browser: Browser, key: String) {
        _ = try await DemoDataset(database: harness.owner).load(.bazhongAndGuangyuan)
        let link = try await StaffStore(database: harness.owner)
            .invite(StaffInvite(organisation: organisation, role: role, name: "测试 \(login)", login: login), actor: "test").path
        var browser = Browser(client)
        let (key, _) = try await ConsoleSignInTests.signUp(&browser, link: link)
        browser.language = "en"
        return (browser, key)
    }

    /// Moves the person's last confirmation ten minutes back, past the five-minute window.
    static func ageSession(_ login: String, _ harness: GatewayHarness) async throws {
        try await harness.execute(
            """
            UPDATE web_sessions SET value = jsonb_set(value, '{authenticatedAt}', '\(Date().timeIntervalSince1970 - 600)'::jsonb)
            WHERE value ->> 'staff' = (SELECT id::text FROM staff_accounts WHERE login = '\(login)')
            """)
    }

    /// A code for the next time step: the current one was spent signing in (each step counts once).
    static func nextCode(_ key: String) -> String {
        TOTPReference.code(base32Key: key, at: Date().addingTimeInterval(30))
    }

    /// Confirms password and code on the re-authentication page, back to `next`.
    static func reauthenticate(_ browser: inout Browser, key: String, next: String) async throws -> Browser.Page {
        _ = try await browser.get("/console/reauth?next=" + next)
        return try await browser.post("/console/reauth", [("password", ConsoleSignInTests.password), ("code", nextCode(key)), ("next", next)])
    }

    /// A post of the centre `centre`, by id.
    static func post(of centre: String, _ harness: GatewayHarness) async throws -> Int64 {
        try await harness.scalar("SELECT v.id FROM vacancies v JOIN centres c ON c.id = v.centre_id WHERE c.code = '\(centre)' ORDER BY v.id LIMIT 1")
    }

    /// An offer to a demo candidate (the `nth`, so that each test's offers go to different
    /// people) on `vacancy`, with a stored explanation, and the candidate's review request.
    static func review(_ harness: GatewayHarness, vacancy: Int64, nth: Int,
                       reason: String = "我的专业经历没有计入") async throws -> (request: Int64, offer: Int64) {
        let (offer, candidate) = try await self.offer(harness, vacancy: vacancy, nth: nth)
        return (try await file(harness, offer: offer, candidate: candidate, reason: reason), offer)
    }

    static func file(_ harness: GatewayHarness, offer: Int64, candidate: Int64, reason: String = "请人工复核") async throws -> Int64 {
        try await ReviewStore(database: harness.owner).file(
            candidateID: candidate, offerID: offer, reason: reason, context: AuditContext(actor: "candidate:\(candidate)", source: "test")).id
    }

    /// Links two offers as a couple's (ADR 0041), as the night does for a couple's pair.
    static func link(_ harness: GatewayHarness, _ first: (offer: Int64, candidate: Int64), _ second: (offer: Int64, candidate: Int64)) async throws {
        let couple: Int64 = try await harness.scalar(
            "INSERT INTO couples (inviter_id, invitee_contact) VALUES (\(first.candidate), 'partner@example.com') RETURNING id")
        try await harness.execute(
            """
            INSERT INTO couple_offers (offer_id, partner_offer_id, couple_id)
            VALUES (\(first.offer), \(second.offer), \(couple)), (\(second.offer), \(first.offer), \(couple))
            """)
    }

    /// A pending offer with a stored explanation to the `nth` demo candidate on `vacancy`.
    static func offer(_ harness: GatewayHarness, vacancy: Int64, nth: Int) async throws -> (offer: Int64, candidate: Int64) {
        let candidate: Int64 = try await harness.scalar("SELECT id FROM candidates ORDER BY id OFFSET \(nth) LIMIT 1")
        try await harness.execute(
            """
            INSERT INTO policies (office_id, version, weights, offer_days, created_by)
            SELECT c.office_id, 1, '{}', 7, 'test' FROM vacancies v JOIN centres c ON c.id = v.centre_id WHERE v.id = \(vacancy)
            ON CONFLICT DO NOTHING
            """)
        let run: Int64 = try await harness.scalar(
            """
            INSERT INTO match_runs (market_id, office_id, run_date, status, seed, policy_id, snapshot_hash, solver, solver_version, started_at)
            SELECT o.market_id, o.id, current_date - (SELECT count(*) FROM match_runs)::int, 'committed', 1, p.id, repeat('a', 64), 'test', '1', now()
            FROM vacancies v JOIN centres c ON c.id = v.centre_id JOIN offices o ON o.id = c.office_id JOIN policies p ON p.office_id = o.id
            WHERE v.id = \(vacancy) LIMIT 1 RETURNING id
            """)
        let offer: Int64 = try await harness.scalar(
            """
            INSERT INTO offers (run_id, candidate_id, vacancy_id, choice_rank, score, deadline, explanation)
            VALUES (\(run), \(candidate), \(vacancy), 1, 71.5, now() + interval '7 days',
                    '{"v":2,"choice":1,"policy":"TEST v1","score":71.5,"cutoff":70.25,"breakdown":{"specialty-fit":[1,40,40],"experience":[0.5,20,10]},"admittedBy":[],"rankedAbove":[]}')
            RETURNING id
            """)
        return (offer, candidate)
    }
}
