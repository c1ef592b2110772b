import Foundation
import Hummingbird
import MatchAPI
import MatchStore
import MatchStoreTesting
import Testing

/// `openapi.yaml` is the source of truth: every operation in it is routed, and the router
/// serves nothing that is not in it.
@Suite("Contract")
struct ContractTests {
    /// `METHOD /path/{param}` for every operation under `paths:` of the YAML.
    static func contractRoutes() throws -> Set<String> {
        let url = URL(fileURLWithPath: TestCluster.schemaDirectory)
            .deletingLastPathComponent().appendingPathComponent("Sources/MatchAPI/openapi.yaml")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var routes = Set<String>()
        var inPaths = false
        var path: String?
        for line in lines {
            if line.hasPrefix("paths:") { inPaths = true; continue }
            if inPaths, let first = line.first, first != " ", first != "#" { break }
            guard inPaths else { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let indent = line.prefix { $0 == " " }.count
            if indent == 2, trimmed.hasPrefix("/"), trimmed.hasSuffix(":") {
                path = String(trimmed.dropLast())
            } else if indent == 4, let path, trimmed.hasSuffix(":"),
                      ["get", "put", "post", "patch", "delete", "head", "options"].contains(String(trimmed.dropLast())) {
                routes.insert("\(trimmed.dropLast().uppercased()) \(path)")
            }
        }
        return routes
    }

    @Test("every route in openapi.yaml is served, and nothing outside it")
    func routesMatchTheContract() async throws {
        let contract = try Self.contractRoutes()
        // 23, and since markets (issue 14) an office's market and a vacancy's exclusions, and
        // since messages (issue 18) the failed ones, and since issue 16 an office's withdrawal of offers.
        #expect(contract.count == 27, "the parser found the contract's operations (\(contract.count))")
        let migrations = try MigrationSource(directory: TestCluster.schemaDirectory).load()
        try await withTestDatabase { database in
            let router = try TalentMatchServer(database: database, trustedDatabase: database, migrations: migrations).makeRouter()
            let served = Set(router.routes.map { "\($0.method.rawValue) \($0.path)" })
            let extra = served.subtracting(contract).sorted(), missing = contract.subtracting(served).sorted()
            #expect(served == contract, "served but not in the contract: \(extra); in the contract but not served: \(missing)")
        }
    }
}
