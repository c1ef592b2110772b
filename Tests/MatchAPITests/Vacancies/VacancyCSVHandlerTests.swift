import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MatchStore
import NIOCore
import Testing

@Suite("Vacancy CSV over HTTP")
struct VacancyCSVHandlerTests {
    static let file = "\u{FEFF}岗位编号,岗位名称,地区代码,岗位数,编制类型,引进方式,户籍限制\r\n"
        + "CSV-1,\"规划员, 通江\",511921,2,事业编制,全职调入；远程,registered_within:511900:巴中市定向招录公告第三条\r\n"
        + "CSV-2,农技员,511922,1,合同制,远程,\r\n"

    static func csv(_ token: String, _ fixture: APIFixture) -> HTTPFields {
        fixture.header(token) + [.contentType: "text/csv"]
    }

    @Test("a dry run reports and writes nothing; the import is idempotent; export then import gives the same posts")
    func roundTrip() async throws {
        try await withAPI { fixture, client in
            let headers = Self.csv(fixture.tokens.centreA, fixture)
            try await client.execute(uri: "/api/v1/imports/vacancies?dryRun=true", method: .post, headers: headers, body: ByteBuffer(string: Self.file)) { response in
                #expect(response.status == .ok)
                #expect(JSONBody(response)["created"] as? Int == 2)
                #expect(JSONBody(response)["dryRun"] as? Bool == true)
            }
            #expect(try await fixture.countAll("SELECT count(*) FROM vacancies WHERE external_id LIKE 'CSV-%'") == 0)
            for expected in [(2, 0), (0, 2)] {
                try await client.execute(uri: "/api/v1/imports/vacancies", method: .post, headers: headers, body: ByteBuffer(string: Self.file)) { response in
                    #expect(response.status == .ok)
                    #expect(JSONBody(response)["created"] as? Int == expected.0)
                    #expect(JSONBody(response)["unchanged"] as? Int == expected.1)
                }
            }
            var exported = ""
            try await client.execute(uri: "/api/v1/exports/vacancies", method: .get, headers: fixture.header(fixture.tokens.centreA)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"BZ-CENTRE-vacancies-") == true)
                exported = String(buffer: response.body)
            }
            #expect(exported.hasPrefix("\u{FEFF}external_id,"))
            #expect(exported.contains("\"规划员, 通江\""))
            // Into another centre of the same region (a centre posts only in its own region):
            // the same eight posts (six demo, two imported).
            try await fixture.owner.client.query(
                "INSERT INTO centres (office_id, code, name, region_code) SELECT id, 'BZ-CENTRE-2', '巴中市第二人才交流中心', '511900' FROM offices WHERE code = 'BZ-HR'")
            let other = try await TokenStore(database: fixture.owner).issue(for: .centre(code: "BZ-CENTRE-2"), label: "centre 2", actor: "test").secret.text
            let secondBefore = try await fixture.countAll("SELECT count(*) FROM vacancies v JOIN centres c ON c.id = v.centre_id WHERE c.code = 'BZ-CENTRE-2'")
            try await client.execute(uri: "/api/v1/imports/vacancies", method: .post, headers: Self.csv(other, fixture), body: ByteBuffer(string: exported)) { response in
                #expect(response.status == .ok)
                #expect(JSONBody(response)["created"] as? Int == 8)
            }
            #expect(try await fixture.countAll("SELECT count(*) FROM vacancies v JOIN centres c ON c.id = v.centre_id WHERE c.code = 'BZ-CENTRE-2'")
                    == secondBefore + 8)
            try await client.execute(uri: "/api/v1/imports/vacancies", method: .post, headers: headers, body: ByteBuffer(string: exported)) { response in
                #expect(JSONBody(response)["unchanged"] as? Int == 8, "the export re-imports unchanged into its own centre")
            }
        }
    }

    @Test("a file with bad rows is a 422 naming each row and column, and nothing is written")
    func badRows() async throws {
        try await withAPI { fixture, client in
            let bad = Self.file.replacingOccurrences(of: ",511922,1,", with: ",511922,many,")
                .replacingOccurrences(of: "巴中市定向招录公告第三条", with: "")
            try await client.execute(uri: "/api/v1/imports/vacancies", method: .post, headers: Self.csv(fixture.tokens.centreA, fixture), body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.isProblem)
                #expect(JSONBody(response).pointers == ["/rows/2/户籍限制", "/rows/3/岗位数"])
            }
            try await client.execute(uri: "/api/v1/imports/vacancies?dryRun=true", method: .post, headers: Self.csv(fixture.tokens.centreA, fixture), body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .ok)
                let problems = JSONBody(response)["problems"] as? [[String: Any]] ?? []
                #expect(problems.map { "\($0["row"] ?? ""):\($0["column"] ?? "")" } == ["2:户籍限制", "3:岗位数"])
            }
            #expect(try await fixture.countAll("SELECT count(*) FROM vacancies WHERE external_id LIKE 'CSV-%'") == 0)
        }
    }

    @Test("an office cannot import; offers export as CSV with a BOM")
    func officeAndOffers() async throws {
        try await withAPI { fixture, client in
            try await client.execute(uri: "/api/v1/imports/vacancies", method: .post, headers: Self.csv(fixture.tokens.officeA, fixture), body: ByteBuffer(string: Self.file)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/exports/offers", method: .get, headers: fixture.header(fixture.tokens.centreA)) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.hasPrefix("\u{FEFF}offer_id,vacancy_id,external_id,title,run_id,candidate_name,state,deadline,created_at\r\n"))
                #expect(text.components(separatedBy: "\r\n").count > 2, "the demo night made offers on BZ-CENTRE's posts")
            }
        }
    }
}
