import Logging
import NIOSSL
import PostgresNIO

/// One process's handle on PostgreSQL: a `PostgresClient` pool plus what it was opened with.
///
/// The pool only serves queries while `client.run()` is running. Short-lived commands use
/// `Database.withOpen(_:logger:_:)`, which runs the pool around the body; the server adds
/// `client` to its service group instead.
public struct Database: Sendable {
    let client: PostgresClient
    public let settings: ConnectionSettings
    public let logger: Logger
    /// The scope and actor that `transaction(_:)` sets on its connection, when this handle
    /// was made by `scoped(_:actor:)`. Nil: the session's own scope applies.
    public let transactionScope: TransactionScope?
    /// The most connections the pool opens.
    public let maxConnections: Int

    /// Who the sessions act as. Migrations and reference loads run as the owner of the
    /// tables; everything else runs as `talentmatch_app`, which owns nothing and is subject
    /// to every grant and row-level policy (the role is set when each connection starts).
    public enum Role: Sendable {
        case owner
        case application

        public static let applicationRoleName = "talentmatch_app"
        /// The application role of trusted batch work: `talentmatch_app`'s grants, every row.
        public static let batchRoleName = "talentmatch_batch"
    }

    /// What rows an application session sees (ADR 0016). The owner always sees every row.
    public enum SessionScope: Sendable {
        /// Trusted batch work and the CLI: every row. Application sessions run as
        /// `talentmatch_batch`, which has exactly `talentmatch_app`'s grants.
        case system
        /// Nothing, until a transaction sets a scope: the API, which serves many callers
        /// from one pool, so a query that forgets its scope reads zero rows, not all of them.
        /// Application sessions run as `talentmatch_app`.
        case perTransaction
    }

    /// Makes the pool without connecting. Call `probe(_:logger:)` first for a clear error.
    public init(
        settings: ConnectionSettings, role: Role = .owner, sessionScope: SessionScope = .system, logger: Logger,
        maxConnections: Int = 20
    ) throws(DatabaseError) {
        var configuration = try Self.clientConfiguration(for: settings)
        configuration.options.maximumConnections = maxConnections
        let options = Self.startupOptions(role: role, sessionScope: sessionScope)
        if !options.isEmpty {
            configuration.options.additionalStartupParameters = [("options", options)]
        }
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.settings = settings
        self.logger = logger
        self.transactionScope = nil
        self.maxConnections = maxConnections
    }

    /// `-c` settings applied when each connection starts, before any query can run.
    static func startupOptions(role: Role, sessionScope: SessionScope) -> String {
        guard role == .application else { return "" }
        return "-c role=" + (sessionScope == .system ? Role.batchRoleName : Role.applicationRoleName)
    }

    /// Opens one connection and closes it again, turning every failure into a one-line reason.
    ///
    /// The pool retries connecting in the background and would leave a query waiting; a
    /// single direct attempt fails fast with the real cause instead.
    public static func probe(_ settings: ConnectionSettings, logger: Logger) async throws(DatabaseError) {
        do {
            let configuration = try connectionConfiguration(for: settings)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw DatabaseError(error, server: settings.serverName)
        }
    }

    init(
        client: PostgresClient, settings: ConnectionSettings, logger: Logger, maxConnections: Int,
        transactionScope: TransactionScope? = nil
    ) {
        self.client = client
        self.settings = settings
        self.logger = logger
        self.maxConnections = maxConnections
        self.transactionScope = transactionScope
    }

    /// Probes, runs the pool for the duration of `body`, then shuts it down.
    public static func withOpen<Result: Sendable>(
        _ settings: ConnectionSettings,
        role: Role = .owner,
        sessionScope: SessionScope = .system,
        logger: Logger,
        maxConnections: Int = 20,
        _ body: @Sendable (Database) async throws -> Result
    ) async throws -> Result {
        try await probe(settings, logger: logger)
        // The pool warns when a lease races ahead of `run()` starting; here that race is
        // harmless (the lease waits), and the probe above already reported real failures.
        var poolLogger = logger
        poolLogger.logLevel = max(logger.logLevel, .error)
        let pool = try Database(settings: settings, role: role, sessionScope: sessionScope, logger: poolLogger, maxConnections: maxConnections)
        let database = Database(client: pool.client, settings: settings, logger: logger, maxConnections: pool.maxConnections)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.client.run() }
            defer { group.cancelAll() }
            return try await body(database)
        }
    }

    static func clientConfiguration(for settings: ConnectionSettings) throws(DatabaseError) -> PostgresClient.Configuration {
        switch settings.endpoint {
        case .unixSocket(let path):
            return .init(unixSocketPath: path, username: settings.username, password: settings.password, database: settings.database)
        case .tcp(let host, let port, let mode):
            return .init(
                host: host, port: port, username: settings.username, password: settings.password,
                database: settings.database, tls: try clientTLS(mode)
            )
        }
    }

    static func connectionConfiguration(for settings: ConnectionSettings) throws(DatabaseError) -> PostgresConnection.Configuration {
        switch settings.endpoint {
        case .unixSocket(let path):
            return .init(unixSocketPath: path, username: settings.username, password: settings.password, database: settings.database)
        case .tcp(let host, let port, let mode):
            return .init(
                host: host, port: port, username: settings.username, password: settings.password,
                database: settings.database, tls: try tls(mode)
            )
        }
    }

    private static func tls(_ mode: ConnectionSettings.TLSMode) throws(DatabaseError) -> PostgresConnection.Configuration.TLS {
        guard mode != .disable else { return .disable }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tlsConfiguration(mode))
        } catch {
            throw .tlsSetup("\(error)")
        }
        return mode == .prefer ? .prefer(context) : .require(context)
    }

    private static func clientTLS(_ mode: ConnectionSettings.TLSMode) throws(DatabaseError) -> PostgresClient.Configuration.TLS {
        guard mode != .disable else { return .disable }
        return mode == .prefer ? .prefer(tlsConfiguration(mode)) : .require(tlsConfiguration(mode))
    }

    /// libpq semantics: only verify-full checks the certificate chain and the host name.
    private static func tlsConfiguration(_ mode: ConnectionSettings.TLSMode) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if mode != .verifyFull { configuration.certificateVerification = .none }
        return configuration
    }
}
