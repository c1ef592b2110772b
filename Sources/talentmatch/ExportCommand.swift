import ArgumentParser
import MatchStore
import MatchWorkflow

struct ExportCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a run's result or its exact input, for auditors and other tools.",
        subcommands: [Run.self, Snapshot.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a run: json is talentmatch.result/1 re-solved from the stored snapshot (and checked against the run), csv its assignments."
        )

        @Argument(help: "The run's id.")
        var runID: Int64
        @Option(help: "csv or json.")
        var format: Format = .json
        @Option(help: "Write here instead of standard output.")
        var output: String?

        func run() async throws {
            try OutputFile.check(output, option: "--output")
            let context = CommandContext()
            let bytes = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                let export = RunExport(database: database)
                return format == .json ? try await export.resultJSON(runID: runID) : Array(try await export.assignmentsCSV(runID: runID).utf8)
            }
            try OutputFile.save(bytes, to: output, option: "--output")
            if let output { Console.progress("wrote \(bytes.count) bytes to \(output)") }
        }
    }

    struct Snapshot: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a run's exact input as talentmatch.instance/2 (scores, seed, regions, the night's lottery; /1 for runs before markets); `talentmatch solve` checks the lottery and reproduces the run from it."
        )

        @Argument(help: "The run's id.")
        var runID: Int64
        @Option(help: "Write here instead of standard output.")
        var output: String?

        func run() async throws {
            try OutputFile.check(output, option: "--output")
            let context = CommandContext()
            let bytes = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await RunExport(database: database).snapshot(runID: runID)
            }
            try OutputFile.save(bytes, to: output, option: "--output")
            if let output { Console.progress("wrote \(bytes.count) bytes to \(output)") }
        }
    }
}
