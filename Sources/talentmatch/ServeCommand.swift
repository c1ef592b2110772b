import ArgumentParser
import Configuration
import Hummingbird
import Logging
import MatchAPI
import MatchStore
import MatchWeb
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server (API and gateway) until SIGTERM or SIGINT, then drain and stop.",
        discussion: "Settings come from options, else TALENTMATCH_HOST, TALENTMATCH_PORT and DATABASE_URL."
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
        let database = try Database(settings: settings, role: .application, logger: logger)

        let router = Router(context: GatewayRequestContext.self)
        OpsRoutes(database: database, migrations: try context.migrations()).register(on: router)
        try await CandidateGateway.make(database: database, configuration: Self.gatewayConfiguration(config)).register(on: router)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(address, port: listenPort), serverName: "TalentMatch"),
            services: [database.client],
            onServerRunning: { _ in Console.progress("TalentMatch listening on http://\(address):\(listenPort)") },
            logger: logger
        )
        try await app.runService()
    }

    /// TALENTMATCH_INSECURE_COOKIES=1 drops `Secure` and the `__Host-` prefix, for plain-http
    /// tests only; TALENTMATCH_TRUST_FORWARDED_FOR=1 behind the project's reverse proxy.
    static func gatewayConfiguration(_ config: ConfigReader) -> GatewayConfiguration {
        GatewayConfiguration(
            secureCookies: !config.bool(forKey: "talentmatch.insecure.cookies", default: false),
            trustForwardedFor: config.bool(forKey: "talentmatch.trust.forwarded.for", default: false)
        )
    }
}
