import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import MatchStore
import MatchStoreTesting
import MatchWeb
import PostgresNIO

/// Runs a test against the gateway on a fresh migrated database: the gateway uses the
/// application role (every grant is exercised), fixtures are written as the owner.
struct GatewayHarness: Sendable {
    let owner: Database
    let app: Database
    /// The gateway's ID-number keys, new for every test, so tests can check what was stored.
    let identityNumberKeys: IdentityNumberKeys

    static func run(
        configuration: GatewayConfiguration = .init(),
        console: Bool = false,
        _ body: @Sendable (GatewayHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        // Tests change posts behind the gateway's back and look at once: no grace period.
        var exact = configuration
        exact.catalogueRecheck = .zero
        let configuration = exact
        try await ConnectionGate.gateway.run { try await run(configuration, console: console, body) }
    }

    private static func run(
        _ configuration: GatewayConfiguration, console: Bool, _ body: @Sendable (GatewayHarness, any TestClientProtocol) async throws -> Void
    ) async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        // Small pools: every gateway test runs at once against the one test cluster shared with
        // every other suite, which would otherwise run out of connection slots ("too many clients").
        try await Database.withOpen(settings, role: .owner, logger: TestCluster.logger, maxConnections: 2) { owner in
            try await Database.withOpen(settings, role: .application, logger: TestCluster.logger, maxConnections: 4) { app in
                let keys = IdentityNumberKeys.generate()
                let gateway = try await CandidateGateway.make(database: app, identityNumberKeys: keys, configuration: configuration)
                let harness = GatewayHarness(owner: owner, app: app, identityNumberKeys: keys)
                guard console else {
                    let router = Router(context: GatewayRequestContext.self)
                    gateway.register(on: router)
                    return try await Application(router: router).test(.router) { client in try await body(harness, client) }
                }
                // The staff console's signed-in work runs scoped, on a pool of the API's kind, as in `serve`.
                try await Database.withOpen(settings, role: .application, sessionScope: .perTransaction, logger: TestCluster.logger,
                                            maxConnections: 2) { scoped in
                    let router = Router(context: GatewayRequestContext.self)
                    gateway.register(on: router, console: StaffConsole(gateway: gateway, scopedDatabase: scoped))
                    try await Application(router: router).test(.router) { client in try await body(harness, client) }
                }
            }
        }
    }

    /// Registers a candidate, types the code sent to their contact, and signs in, as a person
    /// does (registering alone answers the same whether or not the contact was free, so it
    /// cannot sign anyone in); returns their id.
    @discardableResult
    func register(_ browser: inout Browser, contact: String, password: String = "a long enough passphrase",
                  name: String = "测试人", sensitive: Bool = true) async throws -> Int64 {
        _ = try await browser.get("/register")
        var fields = [("full_name", name), ("contact", contact), ("password", password), ("consent_matching", "yes")]
        if sensitive { fields.append(("consent_sensitive", "yes")) }
        let page = try await browser.post("/register", fields)
        precondition(page.status == .seeOther, "registration failed: \(page.status) \(page.body.prefix(2000))")
        _ = try await browser.follow(page)
        let verified = try await browser.post("/verify", [("contact", contact), ("code", try await code(sentTo: contact))])
        precondition(verified.location == "/login?verified=1", "verifying failed: \(verified.status) \(verified.body.prefix(2000))")
        _ = try await browser.follow(verified)
        let login = try await browser.post("/login", [("contact", contact), ("password", password)])
        precondition(login.status == .seeOther, "signing in after registering failed: \(login.status) \(login.body.prefix(2000))")
        _ = try await browser.follow(login)
        return try await scalar("SELECT id FROM candidates WHERE contact = '\(contact)'")
    }

    /// The code in the newest message of `kind` sent to `address`, as the person reads it in
    /// the message (the outbox holds it until the message is delivered).
    func code(sentTo address: String, kind: String = "contact_verification", field: String = "code") async throws -> String {
        try await scalar(
            "SELECT payload ->> '\(field)' FROM outbox_messages WHERE address = '\(address)' AND kind = '\(kind)' ORDER BY id DESC LIMIT 1",
            as: String.self)
    }

    /// Saves a complete profile through the form.
    func saveProfile(_ browser: inout Browser, specialty: String = "090101", education: String = "bachelor", years: Int = 3,
                     modes: [String] = ["full_transfer"], hukou: [String] = []) async throws -> Browser.Page {
        _ = try await browser.get("/profile")
        var fields = [("action", "save"), ("specialty", specialty), ("education", education), ("title", "none"),
                      ("experience_years", String(years))]
        fields += modes.map { ("modes", $0) }
        for (level, code) in zip(["province", "prefecture", "county"], hukou) { fields.append(("hukou_\(level)", code)) }
        return try await browser.post("/profile", fields)
    }

    func scalar<T: PostgresDecodable & Sendable>(_ sql: String, as: T.Type = Int64.self) async throws -> T {
        do {
            let rows = try await owner.client.query(PostgresQuery(unsafeSQL: sql), logger: owner.logger)
            for try await value in rows.decode(T.self) { return value }
        } catch {
            throw HarnessError(message: "\(DatabaseError(error, server: "")): \(sql)")
        }
        throw HarnessError(message: "no row for: \(sql)")
    }

    func execute(_ sql: String) async throws {
        do {
            try await owner.client.query(PostgresQuery(unsafeSQL: sql), logger: owner.logger)
        } catch {
            throw HarnessError(message: "\(DatabaseError(error, server: "")): \(sql)")
        }
    }

    /// One open vacancy in 通江县 (511921) for specialty 0901 (agronomy class), with extras as SQL.
    /// Its centre is the test office's centre for that region (a post lies in its centre's region).
    @discardableResult
    func makeVacancy(title: String = "通江县农技站", region: String = "511921", specialty: String = "090101",
                     minEducation: String = "associate", modes: String = "{full_transfer}", status: String = "open") async throws -> Int64 {
        try await execute("INSERT INTO offices (code, name, region_code) VALUES ('T-OFFICE', '测试局', '511900') ON CONFLICT DO NOTHING")
        let centre = region == "511921" ? "T-CENTRE" : "T-CENTRE-\(region)"
        try await execute(
            "INSERT INTO centres (office_id, code, name, region_code) SELECT id, '\(centre)', '测试中心', '\(region)' FROM offices WHERE code = 'T-OFFICE' ON CONFLICT DO NOTHING")
        let id: Int64 = try await scalar(
            """
            INSERT INTO vacancies (centre_id, external_id, title, region_code, seats, staffing_type, min_education, accepted_modes, status, service_years)
            SELECT id, '\(UUID().uuidString.prefix(12))', '\(title)', '\(region)', 2, 'institution', '\(minEducation)', '\(modes)', '\(status)', 3
            FROM centres WHERE code = '\(centre)' RETURNING id
            """
        )
        try await execute("INSERT INTO vacancy_specialties (vacancy_id, specialty_code) VALUES (\(id), '\(specialty)')")
        try await execute("INSERT INTO vacancy_incentives (vacancy_id, kind, amount_yuan) VALUES (\(id), 'housing', NULL), (\(id), 'settling_in_payment', 50000)")
        return id
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
