import ArgumentParser
import Foundation
import MatchStore
import MatchWorkflow

struct NightlyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightly",
        abstract: "Run an office's nightly match: snapshot, score, solve, verify, and release offers.",
        discussion: "One committed run per office and date; a second start exits 0 and says why. "
            + "Offers are released only if the independent verifier passes. Exit status: 0 committed (or already done, "
            + "or running elsewhere); 1 the run failed and was recorded, or the database is unreachable; 2 an unknown or "
            + "closed office, an office without a policy, or a --date that is not a real day; 64 a bad command line."
    )

    @Option(help: "The office's code, e.g. BZ-HR.")
    var office: String

    @Option(help: "The night, YYYY-MM-DD (default: today in China Standard Time).")
    var date: String?

    @Flag(help: "Do everything but write; show how the result differs from the last committed run.")
    var dryRun = false

    @Flag(help: "Replace this night's committed run: its open offers are withdrawn, accepted ones stay. Audited. Not with --dry-run.")
    var rerun = false

    func validate() throws {
        guard !(dryRun && rerun) else {
            throw ValidationError("--dry-run writes nothing and --rerun replaces a committed run: give one of them (a dry run first, then --rerun)")
        }
    }

    func run() async throws {
        let night = try date.map { try InputProblem.date($0, option: "--date") } ?? CalendarDate.today()
        let context = CommandContext()
        let options = NightlyOptions(
            date: night.description, dryRun: dryRun, rerun: rerun, actor: "cli:nightly",
            progress: { Console.progress("  " + $0) }
        )
        let outcome = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
            try await NightlyJob(database: database).run(officeCode: office, options: options)
        }
        try Self.report(outcome, office: office, date: options.date)
    }

    static func report(_ outcome: NightlyOutcome, office: String, date: String) throws {
        switch outcome {
        case .alreadyRunning:
            Console.say("a run for \(office) on \(date) is already in progress elsewhere; nothing to do")
        case .alreadyDone(let runID):
            Console.say("\(office) already has run \(runID) for \(date); use --rerun to replace it")
        case .committed(let runID, let report):
            Console.say("run \(runID) committed for \(office) on \(date): \(report.offers) offers released")
            printReport(report)
        case .dryRun(let report, let difference):
            Console.say("dry run for \(office) on \(date): nothing was written")
            printReport(report)
            difference.lines.forEach { Console.say("  " + $0) }
        case .failed(let runID, let reasons):
            Console.say("run \(runID.map { "\($0) " } ?? "")failed for \(office) on \(date); no offer was created:")
            reasons.prefix(50).forEach { Console.say("  " + $0) }
            if reasons.count > 50 { Console.say("  … and \(reasons.count - 50) more") }
            throw ExitCode(1)
        }
    }

    private static func printReport(_ report: NightlyReport) {
        Console.say("  policy v\(report.policyVersion), seed \(report.seed), snapshot \(report.snapshotHash.prefix(16))…")
        report.summary.lines.forEach { Console.say("  " + $0) }
    }

    static func today() -> String {
        CalendarDate.today().description
    }
}
