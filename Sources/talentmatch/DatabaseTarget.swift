import Logging
import MatchLocal
import MatchStore

/// Decides which PostgreSQL a command talks to: `DATABASE_URL` when set, otherwise the
/// project-local cluster, which is created and started on first use.
struct DatabaseTarget: Sendable {
    static let embeddedDatabaseName = "talentmatch"

    let layout: ProjectLayout
    let environment: [String: String]

    var databaseURL: String? { environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } }

    func embeddedCluster() throws -> LocalCluster {
        guard layout.hasStateHome else { throw EmbeddedDatabaseUnavailable() }
        return LocalCluster(directory: layout.embeddedClusterDirectory, binaries: try PostgresBinaries.locate())
    }

    /// Resolves connection settings, starting the embedded cluster if that is the target.
    func connectionSettings(logger: Logger) async throws -> ConnectionSettings {
        if let url = databaseURL {
            return try DatabaseURL.parse(url)
        }
        let cluster = try embeddedCluster()
        switch try await cluster.start() {
        case .createdAndStarted: Console.progress("created and started the embedded PostgreSQL in \(cluster.directory)")
        case .started: Console.progress("started the embedded PostgreSQL in \(cluster.directory)")
        case .alreadyRunning: break
        }
        let provisioner = DatabaseProvisioner(server: cluster.connection(database: "postgres"), logger: logger)
        try await provisioner.ensureDatabase(Self.embeddedDatabaseName)
        return cluster.connection(database: Self.embeddedDatabaseName)
    }

    /// Runs `body` with an open database; the pool is shut down afterwards.
    func withDatabase<Result: Sendable>(
        role: Database.Role = .owner, logger: Logger, _ body: @Sendable (Database) async throws -> Result
    ) async throws -> Result {
        let settings = try await connectionSettings(logger: logger)
        return try await Database.withOpen(settings, role: role, logger: logger, body)
    }
}

/// Outside a checkout, and without TALENTMATCH_HOME, there is no safe place for a database.
struct EmbeddedDatabaseUnavailable: Error, CustomStringConvertible {
    var description: String {
        "DATABASE_URL is not set, and this is not a TalentMatch checkout: set DATABASE_URL to your server, "
            + "or TALENTMATCH_HOME to a folder for an embedded database"
    }
}
