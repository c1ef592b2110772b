import ArgumentParser
import MatchStore

/// The one executable and composition root: every subcommand wires MatchCore, MatchStore,
/// MatchAPI and MatchWeb together; none of those targets knows about the others above it.
@main
struct TalentMatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talentmatch",
        abstract: "Match candidates to vacancies in underserved regions: stable, explainable, verified.",
        discussion: ProjectLayout.embeddedDatabaseRule + " Start with `talentmatch demo`. Exit status: 0 success, 1 the "
            + "environment failed (database unreachable, file system), 2 bad input (nothing was written), 64 a bad command line.",
        subcommands: [
            DemoCommand.self,
            ServeCommand.self,
            MigrateCommand.self,
            DBCommand.self,
            ReferenceCommand.self,
            PolicyCommand.self,
            NightlyCommand.self,
            OffersCommand.self,
            NotifyCommand.self,
            RunsCommand.self,
            MarketsCommand.self,
            ExportCommand.self,
            SolveCommand.self,
            GenerateCommand.self,
            TokenCommand.self,
            OfficeCommand.self,
            CentreCommand.self,
            StaffCommand.self,
            KeysCommand.self,
        ]
    )

    /// Runs the chosen subcommand. Whatever it throws becomes one line and an exit status in
    /// `ExitStatus`, the one place that decides them.
    static func main() async {
        do {
            try UnknownHelpTopic.check(Array(Swift.CommandLine.arguments.dropFirst()), root: Self.self)
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            ExitStatus.exit(for: error)
        }
    }
}
