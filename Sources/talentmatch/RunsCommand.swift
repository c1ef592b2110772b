import ArgumentParser
import MatchStore

struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List match runs.",
        subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List recent runs of every market, newest first, with their lotteries.")

        @Option(help: "Only the runs this office took part in.")
        var office: String?

        func run() async throws {
            let context = CommandContext()
            let runs = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await RunReports(database: database).recent(officeCode: office)
            }
            guard !runs.isEmpty else {
                Console.say("no runs yet; start one with `talentmatch nightly`")
                return
            }
            Console.say("id\tmarket\toffice\tdate\tstatus\toffers\tsnapshot\tlottery commitment")
            for run in runs {
                Console.say("\(run.id)\t\(run.market)\t\(run.office ?? "–")\t\(run.date)\t\(run.status)\t\(run.offers)\t"
                            + "\(run.snapshotHash.prefix(12))…\t\(run.seedCommitment.map { String($0.prefix(16)) + "…" } ?? "–")")
                if let failure = run.failure { Console.say("\t" + failure.split(separator: "\n").prefix(3).joined(separator: "; ")) }
            }
        }
    }
}
