import ArgumentParser
import MatchStore

/// The one executable and composition root: every subcommand wires MatchCore, MatchStore,
/// MatchAPI and MatchWeb together; none of those targets knows about the others above it.
@main
struct TalentMatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talentmatch",
        abstract: "Match candidates to vacancies in underserved regions: stable, explainable, verified.",
        discussion: "With no DATABASE_URL set, commands in a TalentMatch checkout (or with TALENTMATCH_HOME set) use a "
            + "local PostgreSQL in .talentmatch/pg, created and started on first use. Start with `talentmatch demo`.",
        subcommands: [
            DemoCommand.self,
            ServeCommand.self,
            MigrateCommand.self,
            DBCommand.self,
            ReferenceCommand.self,
            PolicyCommand.self,
            NightlyCommand.self,
            OffersCommand.self,
            RunsCommand.self,
            MarketsCommand.self,
            ExportCommand.self,
            SolveCommand.self,
            GenerateCommand.self,
            TokenCommand.self,
            KeysCommand.self,
        ]
    )

    /// Runs the chosen subcommand. Database errors arrive as `DatabaseError`, already one
    /// readable line (PostgresNIO's own description hides the server's message on purpose).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
