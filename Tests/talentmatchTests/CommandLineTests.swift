import Foundation
import MatchStore
import MatchStoreTesting
import Testing

@Suite("talentmatch on the command line")
struct CommandLineTests {
    @Test("--help lists every subcommand with one line each")
    func help() throws {
        let result = try CommandLine.run(["--help"])
        #expect(result.status == 0)
        for name in ["demo", "serve", "migrate", "db", "reference"] {
            let line = result.stdout.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(name + " ") }
            #expect(line != nil, "\(name) is listed")
        }
    }

    @Test("an unreachable DATABASE_URL is one line naming the host and cause, with exit status 1")
    func unreachable() throws {
        let result = try CommandLine.run(["migrate"], environment: ["DATABASE_URL": "postgres://nobody@127.0.0.1:1/talent?sslmode=disable"])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line, no stack trace: \(result.stderr)")
        #expect(result.stderr.contains("127.0.0.1:1"))
        #expect(result.stderr.lowercased().contains("refused"))
    }

    @Test("migrate against DATABASE_URL applies everything, loads reference data, and is a no-op the second time")
    func migrateTwice() async throws {
        let settings = try await TestCluster.shared.makeDatabase(migrated: false)
        let environment = ["DATABASE_URL": settings.redactedURL]
        let first = try CommandLine.run(["migrate"], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("loaded regions: 3214 rows"))
        let second = try CommandLine.run(["migrate"], environment: environment)
        #expect(second.status == 0)
        #expect(second.stdout.contains("schema is up to date"))
        #expect(!second.stdout.contains("loading"))
    }

    @Test("with no DATABASE_URL, demo starts a project-local cluster; db start again is a no-op that says so")
    func embeddedDemo() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tm-cli-\(getpid())-\(UInt16.random(in: 0...9999))").path
        let environment = ["TALENTMATCH_HOME": home, "TALENTMATCH_SCHEMA_DIR": TestCluster.schemaDirectory]
        defer {
            _ = try? CommandLine.run(["db", "stop"], environment: environment)
            try? FileManager.default.removeItem(atPath: home)
        }
        let demo = try CommandLine.run(["demo", "--no-serve"], environment: environment)
        #expect(demo.status == 0, "\(demo.stderr)")
        // One market of two offices whose posts candidates rank across (issue 14).
        #expect(demo.stdout.contains("market main: 2 office(s) (巴中市, 广元市), 3 centres, 11 open vacancies with 18 seats"))
        #expect(demo.stdout.contains("loaded regions: 3214 rows"))
        #expect(demo.stdout.contains("committed for market main"))
        #expect(demo.stdout.contains("lottery: commitment sha256:"))
        #expect(demo.stdout.contains("office BZ-HR (policy v1): filled") && demo.stdout.contains("office GY-HR (policy v1): filled"))
        #expect(demo.stdout.contains("what office BZ-HR sees of run 1") && demo.stdout.contains("what office GY-HR sees of run 1"))
        #expect(demo.stdout.contains("under BZ-HR v1") || demo.stdout.contains("under GY-HR v1"), "an explanation names the office policy")
        #expect(demo.stdout.contains("verification: stable, no violations"))
        #expect(demo.stdout.contains("centre token: tm_"))
        #expect(demo.stdout.contains("office token: tm_"))
        #expect(demo.stdout.contains("password"), "the demo candidate's login for the gateway")
        #expect(FileManager.default.fileExists(atPath: home + "/pg/data/PG_VERSION"))
        // The gateway's ID-number keys, kept beside the local database, readable by the owner only.
        #expect(demo.stdout.contains("ID-number keys: \(home)/id-number-keys (created, mode 0600)"))
        let keyMode = try FileManager.default.attributesOfItem(atPath: home + "/id-number-keys")[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
        let keyText = try String(contentsOfFile: home + "/id-number-keys", encoding: .utf8)

        let again = try CommandLine.run(["db", "start"], environment: environment)
        #expect(again.status == 0)
        #expect(again.stdout.contains("already running"))

        let rerun = try CommandLine.run(["demo", "--no-serve"], environment: environment)
        #expect(rerun.stdout.contains("already loaded"))
        #expect(rerun.stdout.contains("already has run"), "the second demo finds tonight's run and does not repeat it")
        #expect(rerun.stdout.contains("what office GY-HR sees of run 1"), "and shows each office's view of it again")
        #expect(try String(contentsOfFile: home + "/id-number-keys", encoding: .utf8) == keyText, "the keys are kept, not replaced")

        let url = try CommandLine.run(["db", "url"], environment: environment)
        #expect(url.stdout.hasPrefix("postgres://postgres@/talentmatch?host=\(home)/pg"))

        let stop = try CommandLine.run(["db", "stop"], environment: environment)
        #expect(stop.stdout.contains("stopped"))
        let status = try CommandLine.run(["db", "status"], environment: environment)
        #expect(status.stdout.contains("is stopped"))
    }
}
