import Foundation
import MatchCore
import MatchLocal
import MatchStore
import MatchStoreTesting
import Testing

/// What every refused command must look like (ADR 0046): the expected exit status, exactly one
/// `error:` line on standard error that names `fragments`, and nothing a person cannot act on.
func expectRefused(
    _ result: CommandLine.Result, status: Int32, mentioning fragments: String..., sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(result.status == status, "exit status, with stderr: \(result.stderr)", sourceLocation: sourceLocation)
    let errors = result.errorLines.filter { $0.hasPrefix("error: ") }
    #expect(errors.count == 1, "one error line: \(result.stderr)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(errors.first?.contains(fragment) == true, "'\(fragment)' in: \(result.stderr)", sourceLocation: sourceLocation)
    }
    for raw in ["NSCocoaErrorDomain", "errno", "PSQLError", "Error Domain", "descriptor:"] {
        #expect(!result.stderr.contains(raw), "no raw '\(raw)': \(result.stderr)", sourceLocation: sourceLocation)
    }
}

/// The places the tests' mistakes point at.
enum Mistakes {
    /// Nothing listens on port 1: a command that connected before checking its input would
    /// exit 1 here, so exit 2 proves the input was refused first.
    static let unreachable = ["DATABASE_URL": "postgres://nobody@127.0.0.1:1/talent?sslmode=disable"]

    /// A fresh database with the demo market and a policy with the demo's caps and floor.
    static func demoDatabase(policy: Bool = true) async throws -> [String: String] {
        let settings = try await TestCluster.shared.makeDatabase()
        try await Database.withOpen(settings, role: .application, logger: TestCluster.logger) { database in
            if policy {
                try await NightlyFixture.prepare(database, regions: [
                    .init(region: RegionCode("5119")!, cap: 12), .init(region: RegionCode("511921")!, floor: 2),
                ])
            } else {
                _ = try await DemoDataset(database: database).load()
            }
        }
        return ["DATABASE_URL": settings.redactedURL]
    }

    static func count(_ sql: String, _ environment: [String: String]) async throws -> Int {
        let settings = try DatabaseURL.parse(environment["DATABASE_URL"] ?? "")
        return try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            try await NightlyFixture.count(sql, database)
        }
    }

    /// A new empty folder, removed by the caller.
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tm-mistakes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
