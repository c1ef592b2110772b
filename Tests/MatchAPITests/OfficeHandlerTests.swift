import Foundation
import Hummingbird
import HummingbirdTesting
import MatchStore
import MatchStoreTesting
import MatchWorkflow
import Testing

@Suite("Office operations")
struct OfficeHandlerTests {
    @Test("create a policy version, then read it back as the current one")
    func policyRoundTrip() async throws {
        try await withAPI { fixture, client in
            let headers = fixture.header(fixture.tokens.officeA)
            try await client.execute(
                uri: "/api/v1/offices/BZ-HR/policies", method: .post, headers: headers + [.contentType: "application/json"],
                body: .json(#"{"weights": {"specialty-fit": 3, "experience": 1}, "regions": [{"region": "511921", "floor": 2, "reason": "hardship"}], "offerDays": 10}"#)
            ) { response in
                #expect(response.status == .created)
                let body = JSONBody(response)
                #expect(body["version"] as? Int == 2)
                #expect(body["offerDays"] as? Int == 10)
            }
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policy", method: .get, headers: headers) { response in
                let body = JSONBody(response)
                #expect(body["version"] as? Int == 2)
                let weights = try #require(body["weights"] as? [String: Double])
                #expect(weights["specialty-fit"] == 3)
                #expect(weights["native-place"] == 0)
                // The README's example: features left out keep the standard weights, as in the CLI (ADR 0045).
                #expect(weights["education-above-minimum"] == 15)
                #expect(weights["title-above-minimum"] == 10)
                let regions = try #require(body["regions"] as? [[String: Any]])
                #expect(regions.first?["region"] as? String == "511921")
                #expect(regions.first?["floor"] as? Int == 2)
            }
        }
    }

    @Test("a cap or floor on a region that does not exist, or outside the office's region, is 422 at its pointer")
    func policyRegions() async throws {
        try await withAPI { fixture, client in
            let headers = fixture.header(fixture.tokens.officeA) + [.contentType: "application/json"]
            let cases = [("999999", "no region 999999"), ("5201", "outside office BZ-HR's region")]
            for (region, words) in cases {
                let body = #"{"weights": {}, "regions": [{"region": "511921", "floor": 1}, {"region": "\#(region)", "cap": 2}]}"#
                try await client.execute(uri: "/api/v1/offices/BZ-HR/policies", method: .post, headers: headers, body: .json(body)) { response in
                    #expect(response.status == .unprocessableContent, "\(region)")
                    #expect(JSONBody(response).pointers == ["/regions/1/region"], "\(region)")
                    #expect(String(buffer: response.body).contains(words), "\(region): \(String(buffer: response.body))")
                }
            }
            try await client.execute(uri: "/api/v1/offices/BZ-HR/policy", method: .get, headers: fixture.header(fixture.tokens.officeA)) { response in
                #expect(JSONBody(response)["version"] as? Int == 1, "nothing was stored")
            }
        }
    }

    @Test("runs are listed newest first and paged with an opaque cursor")
    func runsPaging() async throws {
        try await withAPI { fixture, client in
            let headers = fixture.header(fixture.tokens.officeA)
            // A second night, so that there are two runs to page through.
            _ = try await NightlyJob(database: fixture.owner).run(officeCode: "BZ-HR", options: NightlyOptions(date: NightlyFixture.night(), actor: "test"))
            var next: String?
            try await client.execute(uri: "/api/v1/offices/BZ-HR/runs?limit=1", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                let items = try #require(JSONBody(response)["items"] as? [[String: Any]])
                #expect(items.count == 1)
                #expect(items.first?["date"] as? String == NightlyFixture.night())
                next = JSONBody(response)["next"] as? String
            }
            let cursor = try #require(next)
            try await client.execute(uri: "/api/v1/offices/BZ-HR/runs?limit=1&cursor=\(cursor)", method: .get, headers: headers) { response in
                let items = try #require(JSONBody(response)["items"] as? [[String: Any]])
                #expect(items.map { $0["id"] as? Int } == [Int(fixture.runA)])
                #expect(JSONBody(response)["next"] == nil)
            }
        }
    }

    @Test("a run's summary: fill by region, underserved fill, floors, ranks, timings, verification")
    func runSummary() async throws {
        try await withAPI { fixture, client in
            try await client.execute(uri: "/api/v1/runs/\(fixture.runA)", method: .get, headers: fixture.header(fixture.tokens.officeA)) { response in
                #expect(response.status == .ok)
                let body = JSONBody(response)
                let summary = try #require(body["summary"] as? [String: Any])
                let filled = try #require(summary["filled"] as? Int)
                #expect(filled > 0)
                #expect((summary["verification"] as? [String: Any])?["stable"] as? Bool == true)
                #expect(((summary["rankDistribution"] as? [Int]) ?? []).reduce(0, +) == filled)
                #expect(summary["underservedFillRate"] is Double)
                #expect((summary["phaseSeconds"] as? [String: Double])?["solve"] != nil)
                let regions = try #require(body["fillByRegion"] as? [[String: Any]])
                #expect(regions.reduce(0) { $0 + (($1["filled"] as? Int) ?? 0) } == filled)
                #expect(regions.allSatisfy { ($0["region"] as? String)?.hasPrefix("5119") == true })
            }
        }
    }

    @Test("a what-if solves tonight with the current policy, writes nothing, and compares with the committed run")
    func whatIf() async throws {
        try await withAPI { fixture, client in
            let before = try await fixture.countAll("SELECT count(*)::int FROM match_runs")
            try await client.execute(uri: "/api/v1/offices/BZ-HR/what-if", method: .post,
                                     headers: fixture.header(fixture.tokens.officeA) + [.contentType: "application/json"],
                                     body: .json(#"{"date": "\#(APIFixture.night)"}"#)) { response in
                #expect(response.status == .ok)
                let body = JSONBody(response)
                #expect(body["outcome"] as? String == "solved")
                let comparison = try #require(body["comparison"] as? [String: Any])
                #expect(comparison["comparedRunId"] as? Int == Int(fixture.runA))
                #expect(comparison["moved"] as? Int == 0, "same market, same policy, same seed")
            }
            #expect(try await fixture.countAll("SELECT count(*)::int FROM match_runs") == before)
            try await client.execute(uri: "/api/v1/offices/BZ-HR/what-if", method: .post,
                                     headers: fixture.header(fixture.tokens.officeA) + [.contentType: "application/json"],
                                     body: .json(#"{"date": "2026-02-30"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(JSONBody(response).pointers == ["/date"])
            }
        }
    }

    @Test("a what-if with a draft policy solves with the draft, stores no version, and reports what the draft breaks")
    func whatIfDraft() async throws {
        try await withAPI { fixture, client in
            let office = try await fixture.officeID("BZ-HR")
            let headers = fixture.header(fixture.tokens.officeA) + [.contentType: "application/json"]
            let draft = #"{"date": "\#(APIFixture.night)", "policy": {"weights": {"experience": 5, "specialty-fit": 1}, "offerDays": 3}}"#
            try await client.execute(uri: "/api/v1/offices/BZ-HR/what-if", method: .post, headers: headers, body: .json(draft)) { response in
                #expect(response.status == .ok)
                let result = JSONBody(response)
                #expect(result["outcome"] as? String == "solved", "\(String(buffer: response.body))")
                #expect(result["policyVersion"] as? Int == 2, "the draft is the version after the stored one")
                #expect((result["comparison"] as? [String: Any])?["comparedRunId"] as? Int == Int(fixture.runA))
            }
            // The stored policy has no cap; a draft capping the prefecture at 0 places nobody on
            // the office's posts, which proves the draft is what was solved. The targets it
            // leaves no room for are lowered and reported rather than stopping the market
            // (ADR 0030), and every placement the office loses shows as a change on its own posts.
            let capped = #"{"date": "\#(APIFixture.night)", "policy": {"weights": {"experience": 1}, "regions": [{"region": "5119", "cap": 0}]}}"#
            try await client.execute(uri: "/api/v1/offices/BZ-HR/what-if", method: .post, headers: headers, body: .json(capped)) { response in
                #expect(response.status == .ok)
                let result = JSONBody(response)
                #expect(result["outcome"] as? String == "solved")
                let summary = try #require(result["summary"] as? [String: Any])
                #expect(summary["filled"] as? Int == 0)
                #expect(((summary["adjustments"] as? [String]) ?? []).contains { $0.contains("to fit under the cap of 5119") })
                let own = try #require((result["comparison"] as? [String: Any])?["ownPosts"] as? [String: Any])
                #expect(own["noLongerPlaced"] as? Int ?? 0 > 0)
            }
            #expect(try await fixture.countAll("SELECT count(*)::int FROM policies WHERE office_id = \(office)") == 1)
            let invalid = #"{"policy": {"weights": {"experience": 1}, "offerDays": 99}}"#
            try await client.execute(uri: "/api/v1/offices/BZ-HR/what-if", method: .post, headers: headers, body: .json(invalid)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(JSONBody(response).pointers == ["/policy/offerDays"])
            }
            // A draft is checked as a stored version would be: a cap outside the office's
            // region is refused, not solved as if it were absent.
            for region in ["999999", "5201"] {
                let elsewhere = #"{"policy": {"weights": {}, "regions": [{"region": "\#(region)", "cap": 2}]}}"#
                try await client.execute(uri: "/api/v1/offices/BZ-HR/what-if", method: .post, headers: headers, body: .json(elsewhere)) { response in
                    #expect(response.status == .unprocessableContent, "\(region): \(String(buffer: response.body))")
                    #expect(JSONBody(response).pointers == ["/policy/regions/0/region"], "\(region)")
                }
            }
        }
    }

    @Test("reference: import a designation list from CSV with its edition, then see it in force")
    func referenceImport() async throws {
        try await withAPI { fixture, client in
            let csv = "\u{FEFF}code,category\n511921,2\n511923,1\n"
            let uri = "/api/v1/reference/imports?table=hardship_area&edition=TEST-2026&source=test%20gazette&effectiveDate=2026-11-01&complete=true"
            try await client.execute(uri: uri, method: .post, headers: fixture.header(fixture.tokens.officeA) + [.contentType: "text/csv"],
                                     body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                #expect(JSONBody(response)["outcome"] as? String == "loaded")
                #expect(JSONBody(response)["rows"] as? Int == 2)
            }
            try await client.execute(uri: "/api/v1/reference/editions", method: .get, headers: fixture.header(fixture.tokens.centreA)) { response in
                let items = try #require(JSONBody(response)["items"] as? [[String: Any]])
                let hardship = items.first { $0["dataset"] as? String == "hardship_area" }
                #expect(hardship?["edition"] as? String == "TEST-2026")
                #expect(hardship?["complete"] as? Bool == true)
                #expect(items.contains { $0["dataset"] as? String == "regions" })
            }
            // A code that is not a region is refused naming its line, and nothing changes.
            let bad = "code,category\n999999,1\n"
            try await client.execute(uri: uri.replacingOccurrences(of: "TEST-2026", with: "TEST-BAD"), method: .post,
                                     headers: fixture.header(fixture.tokens.officeA) + [.contentType: "text/csv"],
                                     body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(JSONBody(response).pointers == ["/rows/2"])
            }
            // An impossible effective date is refused at the door, naming the query parameter.
            try await client.execute(uri: uri.replacingOccurrences(of: "2026-11-01", with: "2026-02-30").replacingOccurrences(of: "TEST-2026", with: "TEST-DAY"),
                                     method: .post, headers: fixture.header(fixture.tokens.officeA) + [.contentType: "text/csv"],
                                     body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(JSONBody(response).pointers == ["/query/effectiveDate"])
            }
            try await client.execute(uri: uri, method: .post, headers: fixture.header(fixture.tokens.centreA) + [.contentType: "text/csv"],
                                     body: ByteBuffer(string: csv)) { #expect($0.status == .forbidden) }
        }
    }
}
