import ArgumentParser
import MatchStore

struct DBCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the embedded PostgreSQL for development (start, stop, status, url).",
        discussion: ProjectLayout.embeddedDatabaseRule,
        subcommands: [Start.self, Stop.self, Status.self, URL.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create (on first use) and start the embedded server.")

        func run() async throws {
            let context = CommandContext()
            guard context.target.databaseURL == nil else {
                Console.say("DATABASE_URL is set, so TalentMatch uses that server; there is nothing to start")
                return
            }
            let cluster = try context.target.embeddedCluster()
            if try await cluster.status() == .running {
                Console.say("the embedded PostgreSQL is already running in \(cluster.directory); nothing to do")
                return
            }
            _ = try await context.target.connectionSettings(logger: context.logger)
            Console.say("embedded PostgreSQL running; socket \(cluster.socketPath)")
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the embedded server (its data is kept).")

        func run() async throws {
            let context = CommandContext()
            let cluster = try context.target.embeddedCluster()
            Console.say(try await cluster.stop() ? "stopped the embedded PostgreSQL" : "the embedded PostgreSQL was not running")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the database is running and where.")

        func run() async throws {
            let context = CommandContext()
            if let url = context.target.databaseURL {
                let settings = try DatabaseURL.parse(url)
                try await Database.probe(settings, logger: context.logger)
                Console.say("DATABASE_URL: \(settings.redactedURL) is reachable")
                return
            }
            let cluster = try context.target.embeddedCluster()
            switch try await cluster.status() {
            case .notCreated: Console.say("no embedded cluster yet in \(cluster.directory); `talentmatch db start` creates one")
            case .stopped: Console.say("embedded cluster in \(cluster.directory) is stopped; `talentmatch db start` starts it")
            case .running: Console.say("embedded cluster in \(cluster.directory) is running; socket \(cluster.socketPath)")
            }
        }
    }

    struct URL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the connection URL (for psql: psql \"$(talentmatch db url)\")."
        )

        func run() async throws {
            let context = CommandContext()
            if let url = context.target.databaseURL {
                Console.say(try DatabaseURL.parse(url).redactedURL)
            } else {
                Console.say(try context.target.embeddedCluster().connection(database: DatabaseTarget.embeddedDatabaseName).redactedURL)
            }
        }
    }
}
