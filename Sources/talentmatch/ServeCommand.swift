import Foundation
import ArgumentParser
import Configuration
import Hummingbird
import Logging
import MatchAPI
import MatchNotify
import MatchStore
import MatchWeb
import NIOCore
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server (the API, the candidate gateway, /health, /ready, /metrics) until SIGTERM or SIGINT.",
        discussion: "Settings come from options, else TALENTMATCH_HOST, TALENTMATCH_PORT and DATABASE_URL. "
            + "The server also delivers the outbox's messages (e-mail, SMS; see `talentmatch notify --help` and the README) "
            + "unless TALENTMATCH_NOTIFY=false. "
            + "Callers authenticate with tokens from `talentmatch token issue`. The gateway needs the keys for "
            + "candidates' ID numbers: TALENTMATCH_ID_NUMBER_KEYS_FILE (from `talentmatch keys generate`), else "
            + "the local file `demo` creates; without them serve stops at once and says so."
    )

    @Option(help: "Address to listen on (default TALENTMATCH_HOST or 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default TALENTMATCH_PORT or 8080).")
    var port: Int?

    func run() async throws {
        if let port, !(1...65_535).contains(port) { throw InputProblem("--port \(port)", "a port is 1 to 65535") }
        try await Self.serve(context: CommandContext(defaultLogLevel: .info), host: host, port: port)
    }

    /// Runs the server until SIGTERM or SIGINT; `demo` ends with this too.
    /// - Parameter sink: write messages to files there instead of sending them (`demo`).
    static func serve(context: CommandContext, host: String?, port: Int?, sink: URL? = nil) async throws {
        let config = Self.config
        let (address, listenPort) = listenAddress(host: host, port: port)
        let logger = context.logger
        // Before anything else: a server that cannot protect ID numbers does not start (ADR 0022).
        let identityNumberKeys = try IdentityNumberKeySource(layout: context.layout).load()

        let settings = try await context.target.connectionSettings(logger: logger)
        try await Database.probe(settings, logger: logger)
        MetricsSetup.bootstrap()
        // Requests run as the application role with no scope until a transaction sets the
        // caller's (ADR 0016); only what-if dry runs use the small trusted pool.
        let database = try Database(settings: settings, role: .application, sessionScope: .perTransaction, logger: logger,
                                    maxConnections: Self.poolSize(config, "api", default: 8))
        let trusted = try Database(settings: settings, role: .application, sessionScope: .system, logger: logger, maxConnections: 2)
        // The gateway checks every candidate's access in its handlers (ADR 0018); it reads
        // posts across offices, so its pool runs with the system scope of ADR 0016.
        let gatewayDatabase = try Database(settings: settings, role: .application, sessionScope: .system, logger: logger,
                                           maxConnections: Self.poolSize(config, "gateway", default: 8))
        // Knows at once when PostgreSQL is away, so that requests answer 503 instead of waiting (ADR 0026).
        let availability = DatabaseAvailability(server: settings, pools: [database, trusted, gatewayDatabase], logger: logger)

        let server = TalentMatchServer(
            database: database, trustedDatabase: trusted, migrations: try context.migrations(), availability: availability)
        let gatewayRouter = Router(context: GatewayRequestContext.self)
        let gatewayConfiguration = Self.gatewayConfiguration(config)
        let gateway = try await CandidateGateway.make(
            database: gatewayDatabase, identityNumberKeys: identityNumberKeys, configuration: gatewayConfiguration
        )
        // The console's signed-in work runs on the API's pool, scoped like a token (ADR 0034).
        gateway.register(on: gatewayRouter, console: StaffConsole(gateway: gateway, scopedDatabase: database))
        let retryAfter = availability.settings.retryAfterSeconds
        let responder = ServerResponder(
            api: try server.makeRouter().buildResponder(), gateway: gatewayRouter.buildResponder(), availability: availability,
            apiUnavailable: TalentMatchServer.makeUnavailableResponder(retryAfterSeconds: retryAfter),
            gatewayUnavailable: gateway.makeUnavailableResponder(retryAfterSeconds: retryAfter)
        )
        let sweeper = SessionSweeper(database: gatewayDatabase, configuration: gatewayConfiguration)
        let delivery = try Self.notificationServices(
            context: context, settings: settings, defaultPublicURL: browserURL(host: address, port: listenPort),
            enabled: config.bool(forKey: "talentmatch.notify", default: true), sink: sink
        )
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(address, port: listenPort), serverName: "TalentMatch"),
            services: [database, trusted, gatewayDatabase,
                       BackgroundService { await availability.run() }, BackgroundService { await sweeper.run() }] + delivery,
            onServerRunning: { _ in Console.progress("TalentMatch listening on http://\(address):\(listenPort)") },
            logger: logger
        )
        do {
            try await app.runService()
        } catch let error as IOError {
            throw ListenFailure(address: address, port: listenPort, errno: error.errnoCode)
        }
    }

    private static var config: ConfigReader {
        ConfigReader(provider: EnvironmentVariablesProvider(secretsSpecifier: .specific(["DATABASE_URL"])))
    }

    /// Where `serve` listens: the options, else TALENTMATCH_HOST and TALENTMATCH_PORT, else 127.0.0.1:8080.
    static func listenAddress(host: String?, port: Int?) -> (address: String, port: Int) {
        (host ?? config.string(forKey: "talentmatch.host", default: "127.0.0.1"), port ?? config.int(forKey: "talentmatch.port", default: 8080))
    }

    /// The address a person on this machine opens: `http://localhost:8080` for a loopback or
    /// wildcard address, else the address itself.
    static func browserURL(host: String?, port: Int?) -> String {
        let (address, port) = listenAddress(host: host, port: port)
        let local = ["127.0.0.1", "0.0.0.0", "::", "::1", "localhost"].contains(address)
        return "http://\(local ? "localhost" : address.contains(":") ? "[\(address)]" : address):\(port)"
    }

    /// The outbox's delivery worker beside the pools (ADR 0043), on a pool of its own that
    /// runs as trusted batch work; none with TALENTMATCH_NOTIFY=false (another process sends).
    static func notificationServices(
        context: CommandContext, settings: ConnectionSettings, defaultPublicURL: String, enabled: Bool, sink: URL?
    ) throws -> [any Service] {
        guard enabled else {
            Console.progress("messages: not sent by this server (TALENTMATCH_NOTIFY=false)")
            return []
        }
        let notifications = try NotificationSettings.load(
            layout: context.layout, embedded: context.target.databaseURL == nil, defaultPublicURL: defaultPublicURL, sink: sink
        )
        Console.progress("messages: " + notifications.summary)
        let pool = try Database(settings: settings, role: .application, sessionScope: .system, logger: context.logger,
                                maxConnections: notifications.workers + 1)
        let worker = DeliveryWorker(store: OutboxStore(database: pool), channels: notifications.channels,
                                    concurrency: notifications.workers, logger: context.logger)
        return [pool, NotificationService(worker: worker, reminders: DeadlineReminders(database: pool), logger: context.logger)]
    }

    /// TALENTMATCH_API_POOL_SIZE and TALENTMATCH_GATEWAY_POOL_SIZE: connections per pool. On a
    /// few cores more connections only queue inside PostgreSQL (docs/performance.md).
    static func poolSize(_ config: ConfigReader, _ name: String, default fallback: Int) -> Int {
        max(1, config.int(forKey: ConfigKey("talentmatch.\(name).pool.size"), default: fallback))
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
