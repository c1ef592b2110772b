import Foundation
import MatchLocal
import MatchStore
import MatchStoreTesting
import Testing

@Suite("talentmatch token")
struct TokenCommandTests {
    @Test("issue prints the secret once, list shows the token without it, revoke marks it revoked")
    func issueListRevoke() async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            _ = try await DemoDataset(database: database).load()
        }
        let environment = ["DATABASE_URL": settings.redactedURL]
        let issued = try CommandLine.run(["token", "issue", "--office", "BZ-HR", "--label", "ops laptop", "--expires-in-days", "7"],
                                         environment: environment)
        #expect(issued.status == 0, "\(issued.stderr)")
        let secret = try #require(issued.stdout.split(separator: "\n").first { $0.hasPrefix("tm_") })
        #expect(secret.count == 46)
        let listed = try CommandLine.run(["token", "list"], environment: environment)
        #expect(listed.stdout.contains("office BZ-HR\tops laptop\texpires"))
        #expect(!listed.stdout.contains(secret))
        let id = try #require(listed.stdout.split(separator: "\t").first.map(String.init))
        let revoked = try CommandLine.run(["token", "revoke", id], environment: environment)
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(try CommandLine.run(["token", "list"], environment: environment).stdout.contains("revoked"))
        let principal = try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            try? await TokenStore(database: database).authenticate(String(secret))
        }
        #expect(principal == nil)
    }

    @Test("issue needs exactly one of --centre and --office, and a known one")
    func badArguments() async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        let environment = ["DATABASE_URL": settings.redactedURL]
        let neither = try CommandLine.run(["token", "issue"], environment: environment)
        #expect(neither.status == 64)
        #expect(neither.stderr.contains("--centre or --office"))
        let unknown = try CommandLine.run(["token", "issue", "--centre", "NOPE"], environment: environment)
        #expect(unknown.status == 2, "an unknown centre is bad input (ADR 0046)")
        #expect(unknown.stderr.contains("no centre with code 'NOPE'"))
    }
}
