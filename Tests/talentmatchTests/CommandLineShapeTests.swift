import Foundation
import Testing

/// The command line itself: usage errors show the usage of the command that was typed, a group
/// or a help topic that is not there is exit 64, help texts are whole paragraphs, and failures
/// of the environment name what failed.
@Suite("talentmatch's command line, as an operator meets it")
struct CommandLineShapeTests {
    @Test("a usage error prints the usage of the command typed, with exit 64")
    func usage() throws {
        let missing = try CommandLine.run(["policy", "create", "--cap", "5119=1"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("--office"), "\(missing.stderr)")
        #expect(missing.stderr.contains("Usage: talentmatch policy create"), "not `talentmatch <subcommand>`: \(missing.stderr)")
        let unknown = try CommandLine.run(["runs", "list", "--colour"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Usage: talentmatch runs list"), "\(unknown.stderr)")
    }

    @Test("a group without its subcommand, and help for a command that does not exist, are exit 64", arguments: [
        ["db"], ["policy"], ["token"], ["keys"], ["offers"], ["runs"], ["export"], ["reference"],
    ])
    func groupAlone(arguments: [String]) throws {
        let result = try CommandLine.run(arguments)
        expectRefused(result, status: 64, mentioning: "`talentmatch \(arguments[0])` needs a subcommand")
        #expect(result.stderr.contains("Usage: talentmatch \(arguments[0]) <subcommand>"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("help for a command that does not exist is exit 64; help db says where the embedded database lives")
    func help() throws {
        expectRefused(try CommandLine.run(["help", "bogus"]), status: 64, mentioning: "no command `talentmatch bogus`", "nightly")
        expectRefused(try CommandLine.run(["help", "db", "restart"]), status: 64, mentioning: "no command `talentmatch db restart`", "start, stop")
        let db = try CommandLine.run(["help", "db"], environment: ["COLUMNS": "1000"])
        #expect(db.status == 0)
        #expect(db.stdout.contains("TALENTMATCH_HOME/pg") && db.stdout.contains("the talentmatch binary"), "\(db.stdout)")
    }

    @Test("outside any checkout, the binary's own checkout holds the embedded database, as help db and the docs say")
    func embeddedDatabaseFollowsTheBinary() throws {
        let url = try CommandLine.run(["db", "url"], in: "/")
        #expect(url.status == 0, "\(url.stderr)")
        #expect(url.stdout.hasPrefix("postgres://postgres@/talentmatch?host=\(DocsSession.packageRoot)/.talentmatch/pg"), "\(url.stdout)")
    }

    @Test("every help text's overview is whole paragraphs, not lines broken in the source")
    func helpParagraphs() throws {
        for path in try commandPaths() {
            let help = try CommandLine.run(["help"] + path, environment: ["COLUMNS": "1000"])
            #expect(help.status == 0, "help \(path.joined(separator: " "))")
            let overview = help.stdout.components(separatedBy: "USAGE:").first ?? ""
            let lines = overview.split(separator: "\n", omittingEmptySubsequences: false)
            for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !next.isEmpty {
                Issue.record("help \(path.joined(separator: " ")): a paragraph broken after '\(line.suffix(40))'")
            }
        }
    }

    @Test("an unreachable database names the server and the system's reason, without a stray bracket")
    func unreachableSocket() throws {
        let result = try CommandLine.run(["migrate"], environment: ["DATABASE_URL": "postgres://nobody@/talent?host=/nonexistent"])
        expectRefused(result, status: 1, mentioning: "/nonexistent", "no such file or directory")
        #expect(!result.stderr.contains(")"), "\(result.stderr)")
    }

    /// Every command path, from the top-level help's SUBCOMMANDS sections downwards.
    private func commandPaths(_ prefix: [String] = []) throws -> [[String]] {
        let help = try CommandLine.run(prefix.isEmpty ? ["--help"] : ["help"] + prefix, environment: ["COLUMNS": "1000"])
        guard let section = help.stdout.components(separatedBy: "SUBCOMMANDS:").dropFirst().first else { return [prefix] }
        var paths = prefix.isEmpty ? [] : [prefix]
        for line in section.split(separator: "\n") {
            guard let name = line.split(separator: " ").first.map(String.init), line.hasPrefix("  "), name != "help",
                  name.wholeMatch(of: /[a-z][a-z-]*/) != nil else { continue }
            paths += try commandPaths(prefix + [name])
        }
        return paths
    }
}
