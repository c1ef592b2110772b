import ArgumentParser
import MatchStore

struct RunsCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List match runs.",
        subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the 50 newest runs of every market, the run made last first, whatever night it was for, with their lotteries.",
            discussion: "Columns: id, market, office, night, status (committed, failed, superseded), offers, snapshot hash, "
                + "lottery commitment; a failed run is followed by its first three reasons."
        )

        @Option(help: "Only the runs this office took part in.")
        var office: String?

        func run() async throws {
            let context = CommandContext()
            let runs = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                if let office, try await OfficeRecord.find(code: office, in: database) == nil {
                    throw InputProblem(option: "--office", value: office, "no office with this code exists")
                }
                return try await RunReports(database: database).recent(officeCode: office)
            }
            guard !runs.isEmpty else {
                Console.say("no runs yet; start one with `talentmatch nightly\(office.map { " --office \($0)" } ?? "")`")
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
