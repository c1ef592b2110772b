import Foundation
import HummingbirdTesting
import MatchLocal
@testable import MatchStore
@testable import MatchWeb
import Testing

/// A centre's CSV upload in the console: the dry run's problems as a table by row and column,
/// nothing written until the file is clean, then the import, audited with the person's name.
@Suite("The staff console's CSV upload")
struct ConsoleImportTests {
    static let file = "\u{FEFF}岗位编号,岗位名称,地区代码,岗位数,编制类型,引进方式,户籍限制\r\n"
        + "UP-1,\"规划员, 通江\",511921,2,事业编制,全职调入；远程,registered_within:511900:巴中市定向招录公告第三条\r\n"
        + "UP-2,农技员,511922,1,合同制,远程,\r\n"

    @Test("a file with a bad row shows its problem by row and column and writes nothing; fixed, it is checked and imported")
    func uploadCheckFixImport() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var browser = try await ConsolePostTests.signedIn(harness, client, login: "up-editor", role: .centreEditor, .centre(code: "BZ-CENTRE"))
            let form = try await browser.get("/console/posts/import")
            #expect(form.status == .ok && form.body.contains(#"enctype="multipart/form-data""#))
            let bad = Self.file.replacingOccurrences(of: ",511922,1,", with: ",511922,many,")
            let checked = try await browser.postMultipart("/console/posts/import", fields: [("action", "check")],
                                                          file: ("file", "posts.csv", bad))
            #expect(checked.status == .unprocessableContent)
            #expect(checked.body.contains(#"<tr><td class="number">3</td><td>岗位数</td>"#), "row 3, column 岗位数: \(checked.body.prefix(3000))")
            let imported = try await browser.postMultipart("/console/posts/import", fields: [("action", "import")], file: ("file", "posts.csv", bad))
            #expect(imported.status == .unprocessableContent, "importing a file with a problem writes nothing")
            #expect(try await harness.scalar("SELECT count(*) FROM vacancies WHERE external_id LIKE 'UP-%'") == 0)
            let clean = try await browser.postMultipart("/console/posts/import", fields: [("action", "check")], file: ("file", "posts.csv", Self.file))
            #expect(clean.status == .ok && !clean.body.contains("<caption>"))
            #expect(try await harness.scalar("SELECT count(*) FROM vacancies WHERE external_id LIKE 'UP-%'") == 0, "a check writes nothing")
            let done = try await browser.postMultipart("/console/posts/import", fields: [("action", "import")], file: ("file", "posts.csv", Self.file))
            #expect(done.status == .ok)
            #expect(try await harness.scalar(
                "SELECT count(*) FROM vacancies v JOIN centres c ON c.id = v.centre_id WHERE v.external_id LIKE 'UP-%' AND c.code = 'BZ-CENTRE'") == 2)
            #expect(try await harness.scalar("SELECT count(*) FROM audit_log WHERE action = 'vacancy.import' AND actor LIKE 'staff:%:up-editor'") == 1)
            let empty = try await browser.postMultipart("/console/posts/import", fields: [("action", "check")], file: ("file", "posts.csv", ""))
            #expect(empty.status == .unprocessableContent && empty.body.contains(#"id="file-error""#))
            let forged = try await { () async throws -> Browser.Page in
                var copy = browser
                copy.csrf = "forged"
                return try await copy.postMultipart("/console/posts/import", fields: [("action", "import")], file: ("file", "p.csv", Self.file))
            }()
            #expect(forged.status == .forbidden, "a multipart form needs its CSRF token too")
        }
    }

    @Test("only a centre's editor uploads: an office's staff find nothing there")
    func officeCannotUpload() async throws {
        try await GatewayHarness.run(console: true) { harness, client in
            var admin = try await ConsolePostTests.signedIn(harness, client, login: "up-admin", role: .officeAdmin, .office(code: "BZ-HR"))
            #expect(try await admin.get("/console/posts/import").status == .notFound)
            _ = try await admin.get("/console")  // the console's own CSRF token again (the 404 page is the gateway's)
            #expect(try await admin.postMultipart("/console/posts/import", fields: [("action", "import")], file: ("file", "p.csv", Self.file)).status
                    == .notFound)
            #expect(try await harness.scalar("SELECT count(*) FROM vacancies WHERE external_id LIKE 'UP-%'") == 0)
        }
    }
}
