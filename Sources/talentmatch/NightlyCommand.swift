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
            --office narrows what is printed to that office's part, not what is solved. Exit status 2 for an unknown \
            market or office, a malformed date or a night after today.
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

    @Flag(help: "Replace this night's committed run: its open offers are withdrawn, accepted ones stay; a new lottery is drawn. Audited.")
    var rerun = false

    func run() async throws {
        let context = CommandContext()
        let options = NightlyOptions(
            date: date ?? Self.today(), dryRun: dryRun, rerun: rerun, actor: "cli:nightly",
            progress: { Console.progress("  " + $0) }
        )
        let choice: MarketChoice = market.map(MarketChoice.code) ?? office.map(MarketChoice.ofOffice) ?? .only
        let outcome: NightlyOutcome
        do {
            outcome = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await NightlyJob(database: database).run(market: choice, options: options)
            }
        } catch let error as NightlyError {
            Console.progress("error: \(error)")
            throw ExitCode(2)
        }
        try NightlyReportPrinter(office: office).print(outcome, date: options.date)
    }

    static func today() -> String {
        CalendarDate.today().description
    }
}
