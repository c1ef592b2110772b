import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MatchAPI
@testable import MatchStore
import MatchStoreTesting
import MatchWorkflow
import PostgresNIO
import Testing

@Suite("Markets, their runs and lotteries, as offices and centres see them")
struct MarketRunTests {
    @Test("the contract lists exactly the reasons a night leaves a post out for")
    func exclusionReasons() {
        #expect(Components.Schemas.RunExclusion.ReasonPayload.allCases.map(\.rawValue)
                == NightlySnapshot.Exclusion.Reason.allCases.map(\.rawValue))
    }

    @Test("an office's market lists its offices and the lottery: the commitment, and the secret revealed with the results")
    func market() async throws {
        try await withAPI { fixture, client in
            try await client.execute(uri: "/api/v1/offices/BZ-HR/market", method: .get, headers: fixture.header(fixture.tokens.officeA)) { response in
                #expect(response.status == .ok)
                let market = JSONBody(response)
                #expect(market["code"] as? String == "main")
                #expect(market["offices"] as? [String] == ["BZ-HR", "SC-HR"])
                #expect(market["frozen"] as? Bool == false)
                let lottery = try #require((market["lotteries"] as? [[String: Any]])?.first)
                #expect(lottery["night"] as? String == APIFixture.night)
                #expect(lottery["runId"] as? Int == Int(fixture.runA))
                #expect((lottery["commitment"] as? String)?.count == 64 && (lottery["secret"] as? String)?.count == 64)
            }
            try await client.execute(uri: "/api/v1/offices/GZ-HR/market", method: .get, headers: fixture.header(fixture.tokens.officeB)) { response in
                #expect(JSONBody(response)["code"] as? String == "GZ")
            }
            try await client.execute(uri: "/api/v1/offices/GZ-HR/market", method: .get, headers: fixture.header(fixture.tokens.officeA)) { response in
                #expect(response.status == .notFound, "another province's office is not in A's region")
            }
        }
    }

    @Test("a market's run reads as the office's own part; the province above sees the parts below it")
    func officeParts() async throws {
        try await withAPI { fixture, client in
            try await client.execute(uri: "/api/v1/runs/\(fixture.runA)", method: .get, headers: fixture.header(fixture.tokens.officeA)) { response in
                #expect(response.status == .ok)
                let detail = JSONBody(response)
                let run = try #require(detail["run"] as? [String: Any])
                #expect(run["market"] as? String == "main")
                #expect(run["office"] == nil)
                #expect((run["seedCommitment"] as? String)?.count == 64)
                #expect(run["couples"] as? Int == 0, "the night records the couples it matched: none in this market")
                #expect(run["couplesSettlement"] as? String == "no-couples")
                #expect(detail["policyVersion"] as? Int == 1)
                let parts = try #require(detail["offices"] as? [[String: Any]])
                #expect(parts.compactMap { $0["office"] as? String } == ["BZ-HR"], "A sees its own part only")
                let summary = try #require(detail["summary"] as? [String: Any])
                #expect(summary["filled"] as? Int == 14)
            }
            try await client.execute(uri: "/api/v1/runs/\(fixture.runA)", method: .get, headers: fixture.header(fixture.tokens.province)) { response in
                let parts = try #require(JSONBody(response)["offices"] as? [[String: Any]])
                #expect(parts.compactMap { $0["office"] as? String } == ["BZ-HR", "SC-HR"])
                let own = try #require(parts.last)
                #expect(own["policyVersion"] == nil, "SC-HR has no policy")
            }
        }
    }

    @Test("a post a night left out is shown to its centre and its office with the reason; not to another province")
    func exclusions() async throws {
        try await withAPI { fixture, client in
            // A newer reference edition retired 平昌县 (511923) as of the fixture's night: rerun that
            // night (its pending offers count as withdrawn) and the county's post sits it out.
            try await fixture.owner.client.query("UPDATE regions SET valid_to = \(APIFixture.night)::date WHERE code = '511923'")
            let outcome = try await NightlyJob(database: fixture.trusted).run(
                officeCode: "BZ-HR", options: NightlyOptions(date: APIFixture.night, rerun: true, actor: "test")
            )
            guard case .committed(let runID, let report) = outcome else { Issue.record("no commit: \(outcome)"); return }
            let vacancy = try #require(report.exclusions.first?.vacancyID)
            try await client.execute(uri: "/api/v1/vacancies/\(vacancy)/exclusions", method: .get, headers: fixture.header(fixture.tokens.centreA)) { response in
                #expect(response.status == .ok)
                let items = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
                #expect(items.count == 1)
                #expect(items.first?["reason"] as? String == "region-not-in-force")
                #expect(items.first?["runId"] as? Int == Int(runID))
                #expect((items.first?["detail"] as? String)?.contains("511923") == true)
            }
            try await client.execute(uri: "/api/v1/runs/\(runID)", method: .get, headers: fixture.header(fixture.tokens.officeA)) { response in
                let detail = JSONBody(response)
                #expect((detail["exclusions"] as? [[String: Any]])?.count == 1)
                #expect(((detail["summary"] as? [String: Any])?["excluded"] as? [String: Any])?["region-not-in-force"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/vacancies/\(vacancy)/exclusions", method: .get, headers: fixture.header(fixture.tokens.officeB)) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
