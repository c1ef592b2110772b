import Foundation
import Logging
import MatchStore
import Synchronization

/// What every subcommand needs: where the project's files are, which database, and a logger.
struct CommandContext: Sendable {
    let layout: ProjectLayout
    let target: DatabaseTarget
    let logger: Logger

    /// `defaultLogLevel` applies when LOG_LEVEL is unset: commands stay quiet, `serve` logs requests.
    init(environment: [String: String] = ProcessInfo.processInfo.environment, defaultLogLevel: Logger.Level = .warning) {
        let level = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? defaultLogLevel
        Self.bootstrapLogging(level: level)
        layout = ProjectLayout.discover(environment: environment)
        target = DatabaseTarget(layout: layout, environment: environment)
        var logger = Logger(label: "talentmatch")
        logger.logLevel = level
        self.logger = logger
    }

    private static let bootstrapped = Mutex(false)

    /// Logs go to stderr, bootstrapped once per process (each command makes one context).
    private static func bootstrapLogging(level: Logger.Level) {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    func migrations() throws -> [Migration] {
        try MigrationSource(directory: layout.schemaDirectory).load()
    }

    /// Applies pending migrations and, on a fresh database, loads the shipped reference tables.
    func migrate(_ database: Database) async throws {
        let runner = MigrationRunner(database: database, migrations: try migrations())
        let report = try await runner.migrate { Console.progress("applying \($0.fileName)") }
        if report.applied.isEmpty {
            Console.say("schema is up to date (\(report.alreadyApplied) migrations applied)")
        } else {
            Console.say("applied \(report.applied.count) migration(s); \(report.alreadyApplied + report.applied.count) in all")
        }
        let store = ReferenceStore(database: database)
        if try await store.isEmpty() {
            Console.say("fresh database: loading the shipped reference tables")
            try await ShippedReference(directory: layout.referenceDirectory).load(into: store) { Console.say("  " + $0) }
        }
    }
}
