import ArgumentParser
import Configuration
import Hummingbird
import Logging
import MatchAPI
import MatchStore
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API (openapi.yaml, /health, /ready, /metrics) until SIGTERM or SIGINT, then drain and stop.",
        discussion: "Settings come from options, else TALENTMATCH_HOST, TALENTMATCH_PORT and DATABASE_URL. "
            + "Callers authenticate with tokens from `talentmatch token issue`."
    )

    @Option(help: "Address to listen on (default TALENTMATCH_HOST or 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default TALENTMATCH_PORT or 8080).")
    var port: Int?

    func run() async throws {
        let context = CommandContext(defaultLogLevel: .info)
        let config = ConfigReader(provider: EnvironmentVariablesProvider(secretsSpecifier: .specific(["DATABASE_URL"])))
        let address = host ?? config.string(forKey: "talentmatch.host", default: "127.0.0.1")
        let listenPort = port ?? config.int(forKey: "talentmatch.port", default: 8080)
        let logger = context.logger

        let settings = try await context.target.connectionSettings(logger: logger)
        try await Database.probe(settings, logger: logger)
        MetricsSetup.bootstrap()
        // Requests run as the application role with no scope until a transaction sets the
        // caller's (ADR 0016); only what-if dry runs use the small trusted pool.
        let database = try Database(settings: settings, role: .application, sessionScope: .perTransaction, logger: logger)
        let trusted = try Database(settings: settings, role: .application, sessionScope: .system, logger: logger, maxConnections: 2)

        let server = TalentMatchServer(database: database, trustedDatabase: trusted, migrations: try context.migrations())
        let app = Application(
            router: try server.makeRouter(),
            configuration: .init(address: .hostname(address, port: listenPort), serverName: "TalentMatch"),
            services: [database.client, trusted.client],
            onServerRunning: { _ in Console.progress("TalentMatch listening on http://\(address):\(listenPort)") },
            logger: logger
        )
        try await app.runService()
    }
}
