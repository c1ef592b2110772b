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
            abstract: "List the 50 newest runs: the run made last first, whatever night it was for.",
            discussion: "Columns: id, office, night, status (committed, failed, superseded), offers, snapshot hash; "
                + "a failed run is followed by its first three reasons."
        )

        @Option(help: "Only this office's runs.")
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
                Console.say("no runs yet; start one with `talentmatch nightly --office \(office ?? "CODE")`")
                return
            }
            Console.say("id\toffice\tdate\tstatus\toffers\tsnapshot")
            for run in runs {
                Console.say("\(run.id)\t\(run.office)\t\(run.date)\t\(run.status)\t\(run.offers)\t\(run.snapshotHash.prefix(12))…")
                if let failure = run.failure { Console.say("\t" + failure.split(separator: "\n").prefix(3).joined(separator: "; ")) }
            }
        }
    }
}
