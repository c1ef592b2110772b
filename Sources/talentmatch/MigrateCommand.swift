import ArgumentParser
import MatchStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending Schema/ migrations (each in its own transaction) and load reference data on a fresh database.",
        discussion: "Running it twice is a no-op. It refuses to run if an applied migration file has changed."
    )

    @Flag(help: "List the migrations and whether each is applied, without applying anything.")
    var status = false

    func run() async throws {
        let context = CommandContext()
        try await context.target.withDatabase(logger: context.logger) { database in
            if status {
                let runner = MigrationRunner(database: database, migrations: try context.migrations())
                for entry in try await runner.status() {
                    Console.say("\(entry.isApplied ? "applied" : "pending")  \(entry.fileName)")
                }
            } else {
                try await context.migrate(database)
            }
        }
    }
}
