import Foundation
import MatchLocal
import MatchStore
import MatchStoreTesting
import Testing

@Suite("talentmatch office, centre and staff")
struct OrganisationCommandTests {
    @Test("an office, its centre and its staff are made on the command line, and listed")
    func setUpWithoutSQL() async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        let environment = ["DATABASE_URL": settings.redactedURL]
        let office = try CommandLine.run(["office", "create", "--code", "GY-HR", "--name", "广元市人社局", "--region", "510800"],
                                         environment: environment)
        #expect(office.status == 0, "\(office.stderr)")
        let centre = try CommandLine.run(["centre", "create", "--office", "GY-HR", "--code", "LZ-CENTRE", "--name", "利州区人才交流中心",
                                          "--region", "510802"], environment: environment)
        #expect(centre.status == 0, "\(centre.stderr)")
        let invited = try CommandLine.run(["staff", "invite", "--centre", "LZ-CENTRE", "--role", "centre_editor", "--name", "王编辑",
                                           "--login", "wang@example.cn", "--base-url", "https://tm.example.cn/"], environment: environment)
        #expect(invited.status == 0, "\(invited.stderr)")
        let link = try #require(invited.stdout.split(separator: "\n").first { $0.hasPrefix("https://") })
        #expect(link.hasPrefix("https://tm.example.cn/console/invitation/") && link.count == "https://tm.example.cn/console/invitation/".count + 43)
        #expect(invited.stderr.contains("shown only once"))
        let offices = try CommandLine.run(["office", "list"], environment: environment)
        #expect(offices.stdout.contains("GY-HR\t广元市人社局\t510800 广元市\tmarket main\tactive\t1 centre(s)\t0 staff"), "\(offices.stdout)")
        let centres = try CommandLine.run(["centre", "list", "--office", "GY-HR"], environment: environment)
        #expect(centres.stdout == "LZ-CENTRE\t利州区人才交流中心\toffice GY-HR\t510802 利州区\tactive\t0 open post(s)\n", "\(centres.stdout)")
        let staff = try CommandLine.run(["staff", "list", "--office", "GY-HR"], environment: environment)
        let line = try #require(staff.stdout.split(separator: "\n").first)
        #expect(line.contains("\twang@example.cn\t王编辑\tcentre_editor\tcentre LZ-CENTRE\tinvited until "), "\(line)")
        #expect(!staff.stdout.contains(link.suffix(43)), "the link is never listed")
        let id = try #require(line.split(separator: "\t").first.map(String.init))
        #expect(try CommandLine.run(["staff", "disable", id], environment: environment).status == 0)
        #expect(try CommandLine.run(["staff", "list"], environment: environment).stdout.contains("disabled"))
        let again = try CommandLine.run(["staff", "disable", id], environment: environment)
        #expect(again.status == 2 && again.stderr.contains("already disabled"), "\(again.stderr)")
    }

    @Test("bad input names the option and is exit 2; a bad command line is exit 64", arguments: [
        (["office", "create", "--code", "X", "--name", "n", "--region", "510800"], 2, "--code 'X'"),
        (["office", "create", "--code", "SC-HR", "--name", "n", "--region", "519999"], 2, "--region '519999'"),
        (["centre", "create", "--office", "NOPE", "--code", "C-1", "--name", "n", "--region", "510800"], 2, "no office with code 'NOPE'"),
        (["centre", "list", "--office", "NOPE"], 2, "no office with code 'NOPE'"),
        (["staff", "invite", "--office", "NOPE", "--role", "boss", "--name", "n", "--login", "abc"], 2, "--role boss: no such role"),
        (["staff", "invite", "--role", "reviewer", "--name", "n", "--login", "abc"], 64, "--office or --centre"),
        (["staff", "disable", "77"], 2, "no staff account with id 77"),
        (["staff"], 64, "needs a subcommand"),
    ])
    func mistakes(arguments: [String], status: Int32, message: String) async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        let result = try CommandLine.run(arguments, environment: ["DATABASE_URL": settings.redactedURL])
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }
}
