import Foundation
import MatchStoreTesting
import Testing

/// The commands that work on the database, each with its typical mistakes: an impossible
/// date, an unknown office or run, a region that does not exist or is not the office's, a
/// permission a token cannot hold. Each is refused with exit 2 and one line, and writes nothing.
@Suite("Database commands refuse bad input before writing")
struct DatabaseCommandMistakesTests {
    @Test("nightly: an impossible --date is exit 2 before the database is opened; --dry-run with --rerun is a bad command line")
    func nightly() async throws {
        for date in ["2026-13-45", "2026-02-30", "tomorrow"] {
            let result = try CommandLine.run(["nightly", "--office", "BZ-HR", "--date", date], environment: Mistakes.unreachable)
            expectRefused(result, status: 2, mentioning: "--date \(date): not a real day")
        }
        let both = try CommandLine.run(["nightly", "--office", "BZ-HR", "--dry-run", "--rerun"], environment: Mistakes.unreachable)
        #expect(both.status == 64)
        #expect(both.stderr.contains("--dry-run") && both.stderr.contains("--rerun"), "\(both.stderr)")
        #expect(both.stderr.contains("Usage: talentmatch nightly"), "the nightly usage, not the top level's: \(both.stderr)")

        let environment = try await Mistakes.demoDatabase()
        let unknown = try CommandLine.run(["nightly", "--office", "NOPE"], environment: environment)
        expectRefused(unknown, status: 2, mentioning: "no office with code 'NOPE'")
        #expect(try await Mistakes.count("SELECT count(*) FROM match_runs", environment) == 0)
    }

    @Test("policy create: a cap on no region or another office's region, a native-place weight without its reason, a bad value")
    func policyCreate() async throws {
        let environment = try await Mistakes.demoDatabase()
        let cases: [([String], [String])] = [
            (["--cap", "999999=2"], ["--cap 999999=2", "no region 999999 in the regions table"]),
            (["--floor", "5101=1"], ["--floor 5101=1", "outside office BZ-HR's region 511900"]),
            (["--cap", "5119=1", "--floor", "5119=3"], ["--cap 5119=1 --floor 5119=3", "floor 3 is above cap 1"]),
            (["--cap", "51x=1"], ["--cap 51x=1", "not a region code"]),
            (["--weight", "native-place=5"], ["--weight native-place=5", "--native-place-reason"]),
            (["--weight", "seniority=1"], ["--weight seniority=1", "no feature 'seniority'"]),
            (["--weight", "experience=2000"], ["--weight experience=2000", "0 to 1000"]),
            (["--offer-days", "99"], ["--offer-days 99", "1 to 60"]),
        ]
        for (options, fragments) in cases {
            let result = try CommandLine.run(["policy", "create", "--office", "BZ-HR"] + options, environment: environment)
            #expect(result.status == 2, "\(options): \(result.stderr)")
            for fragment in fragments { #expect(result.stderr.contains(fragment), "\(options): '\(fragment)' in \(result.stderr)") }
            #expect(result.errorLines.count == 1, "\(options): \(result.stderr)")
        }
        let unknown = try CommandLine.run(["policy", "create", "--office", "NOPE"], environment: environment)
        expectRefused(unknown, status: 2, mentioning: "no office with code 'NOPE'")
        #expect(try await Mistakes.count("SELECT count(*) FROM policies", environment) == 1, "no version was added")
    }

    @Test("policy create keeps standard weights and says which caps and floors it did not carry over; policy show prints the experience cap")
    func policyVersions() async throws {
        let environment = try await Mistakes.demoDatabase()
        let created = try CommandLine.run(["policy", "create", "--office", "BZ-HR", "--weight", "experience=30", "--cap", "511902=2"],
                                          environment: environment)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("created policy v2 for office BZ-HR"))
        #expect(created.stdout.contains("not carried over from v1"), "\(created.stdout)")
        #expect(created.stdout.contains("cap 5119=12") && created.stdout.contains("floor 511921=2"))
        let shown = try CommandLine.run(["policy", "show", "--office", "BZ-HR"], environment: environment)
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("weight experience = 30.0"))
        #expect(shown.stdout.contains("weight education-above-minimum = 15.0"), "unnamed weights keep the standard values")
        #expect(shown.stdout.contains("experience cap: 10 years"))
        #expect(shown.stdout.contains("region 511902: cap 2, floor -"))
        #expect(!shown.stdout.contains("region 5119:"), "v1's cap did not carry over")
        expectRefused(try CommandLine.run(["policy", "show", "--office", "NOPE"], environment: environment), status: 2, mentioning: "NOPE")
    }

    @Test("runs list and offers list: an unknown office or run does not exist (exit 2); runs are listed newest made first")
    func listings() async throws {
        let environment = try await Mistakes.demoDatabase()
        expectRefused(try CommandLine.run(["runs", "list", "--office", "NOPE"], environment: environment),
                      status: 2, mentioning: "--office NOPE", "no office")
        expectRefused(try CommandLine.run(["offers", "list", "9999"], environment: environment),
                      status: 2, mentioning: "RUN_ID 9999", "no run 9999 exists")
        // Nights in the past, still within their offers' deadline (an older night is refused).
        let (later, earlier) = (NightlyFixture.night(daysAgo: 1), NightlyFixture.night(daysAgo: 2))
        for date in [later, earlier] {
            #expect(try CommandLine.run(["nightly", "--office", "BZ-HR", "--date", date], environment: environment).status == 0)
        }
        let runs = try CommandLine.run(["runs", "list", "--office", "BZ-HR"], environment: environment)
        let first = runs.stdout.split(separator: "\n").dropFirst().first ?? ""
        // A market's run belongs to no single office ("–"); BZ-HR took part in it.
        #expect(first.hasPrefix("2\tmain\t–\t\(earlier)"), "the run made last comes first, whatever its night: \(runs.stdout)")
        let none = try CommandLine.run(["offers", "list", "1"], environment: environment)
        #expect(none.status == 0 && none.stdout.contains("\tchoice #"), "run 1 exists and has offers")
    }

    @Test("token issue: a permission the token's kind cannot hold, an unknown permission, an unknown centre")
    func tokens() async throws {
        let environment = try await Mistakes.demoDatabase(policy: false)
        expectRefused(try CommandLine.run(["token", "issue", "--centre", "BZ-CENTRE", "--permission", "policies:write"], environment: environment),
                      status: 2, mentioning: "--permission policies:write", "a centre token cannot hold it", "vacancies:write")
        expectRefused(try CommandLine.run(["token", "issue", "--office", "BZ-HR", "--permission", "vacancies:write"], environment: environment),
                      status: 2, mentioning: "an office token cannot hold it")
        expectRefused(try CommandLine.run(["token", "issue", "--office", "BZ-HR", "--permission", "everything"], environment: environment),
                      status: 2, mentioning: "--permission everything", "no such permission")
        expectRefused(try CommandLine.run(["token", "issue", "--centre", "NOPE"], environment: environment),
                      status: 2, mentioning: "no centre with code 'NOPE'")
        expectRefused(try CommandLine.run(["token", "revoke", "9999"], environment: environment), status: 2, mentioning: "no token with id 9999")
        #expect(try await Mistakes.count("SELECT count(*) FROM api_tokens", environment) == 0)
        let help = try CommandLine.run(["help", "token", "issue"])
        #expect(help.stdout.contains("policies:write"), "the defaults are listed in the help")
    }

    @Test("generate: an office code the offices table would refuse is caught at the door")
    func generateOffice() throws {
        let result = try CommandLine.run(["generate", "--candidates", "10", "--posts", "2", "--office", "bad code!"], environment: Mistakes.unreachable)
        expectRefused(result, status: 2, mentioning: "--office 'bad code!'", "2 to 40 letters")
    }
}
