import ArgumentParser
import Foundation
import MatchStore
import MatchWorkflow

struct NightlyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightly",
        abstract: "Run a market's nightly match: freeze rankings, publish the lottery, snapshot, score, solve, verify, release offers.",
        discussion: """
            One run matches the whole market (every office whose posts candidates rank together), each post \
            ordered by its own office's policy; one committed run per market and night, and a second start exits 0 \
            and says why. Rankings freeze and the lottery's SHA-256 commitment is published before anything is read; \
            the secret is revealed with the results. A post that cannot be used tonight is left out with its reason \
            and the rest of the market runs. Offers are released only if the independent verifier passes.

            --office narrows what is printed to that office's part, not what is solved. Exit status: 0 committed (or \
            already done, or running elsewhere); 1 the run failed and was recorded, or the database is unreachable; \
            2 an unknown market or office, a --date that is not a real day or is after today, or a night whose offers \
            would already be past their deadline; 64 a bad command line.
            """
    )

    @Option(help: "The market's code (default: the deployment's only market; `talentmatch markets list`).")
    var market: String?

    @Option(help: "Print only this office's part (its posts, offers, floors and left-out posts), e.g. BZ-HR. Without --market, also picks the office's market.")
    var office: String?

    @Option(help: "The night, YYYY-MM-DD, not after today (default: today in China Standard Time).")
    var date: String?

    @Flag(help: "Do everything but freeze and write; show how the result differs from the last committed run.")
    var dryRun = false

    @Flag(help: "Replace this night's committed run: its open offers are withdrawn, accepted ones stay; a new lottery is drawn. Audited. Not with --dry-run.")
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
        let choice: MarketChoice = market.map(MarketChoice.code) ?? office.map(MarketChoice.ofOffice) ?? .only
        let outcome = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
            try await NightlyJob(database: database).run(market: choice, options: options)
        }
        try NightlyReportPrinter(office: office).print(outcome, date: options.date)
    }

    static func today() -> String {
        CalendarDate.today().description
    }
}
