import ArgumentParser

/// The one executable and composition root: every subcommand wires MatchCore, MatchStore,
/// MatchAPI and MatchWeb together; none of those targets knows about the others above it.
@main
struct TalentMatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talentmatch",
        abstract: "Match candidates to vacancies in underserved regions: stable, explainable, verified.",
        discussion: "With no DATABASE_URL set, commands use a project-local PostgreSQL in .talentmatch/pg, "
            + "created and started on first use. Start with `talentmatch demo`.",
        subcommands: [
            DemoCommand.self,
            ServeCommand.self,
            MigrateCommand.self,
            DBCommand.self,
            ReferenceCommand.self,
            SolveCommand.self,
            GenerateCommand.self,
        ]
    )
}
