import Foundation
import MatchStore

/// A PostgreSQL cluster that lives in one folder and listens only on a Unix socket there.
///
/// The project's embedded default (`.talentmatch/pg`) and every test's throwaway cluster are
/// both `LocalCluster`s. There is no TCP port, so clusters never collide and nothing is
/// reachable from the network. The folder holds `data/` (the cluster), the socket and
/// `server.log`.
public struct LocalCluster: Sendable {
    /// What `status()` finds.
    public enum Status: Sendable, Equatable {
        case notCreated
        case stopped
        case running
    }

    /// What `start()` did, so that callers can say so.
    public enum StartOutcome: Sendable, Equatable {
        case createdAndStarted
        case started
        case alreadyRunning
    }

    /// How hard the server tries to survive a crash. Throwaway test clusters trade durability for speed.
    public enum Durability: Sendable {
        case durable
        case throwaway
    }

    public let directory: String
    public let durability: Durability
    let binaries: PostgresBinaries
    let runner: ProcessRunner

    /// The superuser `initdb` creates; it is the same name whoever runs the programs.
    public static let superuser = "postgres"

    public init(directory: String, durability: Durability = .durable, binaries: PostgresBinaries) {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        self.durability = durability
        self.binaries = binaries
        self.runner = .forCurrentUser()
    }

    public var dataDirectory: String { directory + "/data" }
    public var logFile: String { directory + "/server.log" }
    /// PostgreSQL names its socket after the port, even when it listens on no TCP port.
    public var socketPath: String { directory + "/.s.PGSQL.5432" }

    /// Connection settings for a database on this cluster.
    public func connection(database: String) -> ConnectionSettings {
        ConnectionSettings(endpoint: .unixSocket(path: socketPath), username: Self.superuser, password: nil, database: database)
    }

    public func status() async throws(ClusterError) -> Status {
        guard FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") else { return .notCreated }
        let outcome = try await runner.run(binaries.pgCtl, ["status", "-D", dataDirectory])
        return outcome.status == 0 ? .running : .stopped
    }

    /// Creates the cluster on first use and starts it; a running cluster is left alone.
    @discardableResult
    public func start() async throws(ClusterError) -> StartOutcome {
        guard socketPath.utf8.count <= 107 else { throw .socketPathTooLong(socketPath) }
        var outcome = StartOutcome.started
        switch try await status() {
        case .running:
            return .alreadyRunning
        case .notCreated:
            try await create()
            outcome = .createdAndStarted
        case .stopped:
            break
        }
        let result = try await runner.run(binaries.pgCtl, [
            "start", "-w", "-t", "60", "-D", dataDirectory, "-l", logFile, "-o", serverOptions,
        ])
        guard result.status == 0 else {
            throw .commandFailed(program: binaries.pgCtl, output: result.output + tailOfLog())
        }
        return outcome
    }

    /// Stops the server; returns false when it was not running.
    @discardableResult
    public func stop() async throws(ClusterError) -> Bool {
        guard try await status() == .running else { return false }
        let result = try await runner.run(binaries.pgCtl, ["stop", "-w", "-m", "fast", "-D", dataDirectory])
        guard result.status == 0 else { throw .commandFailed(program: binaries.pgCtl, output: result.output) }
        return true
    }

    /// Stops the server and deletes the folder. For throwaway clusters.
    public func destroy() async {
        _ = try? await stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Shuts the server down without running any program, then deletes the folder.
    ///
    /// For cleanup at process exit, where nothing asynchronous can run: the postmaster's
    /// PID is the first line of `postmaster.pid`, and SIGQUIT is PostgreSQL's immediate
    /// shutdown. Waits up to five seconds for it to go.
    public func destroyImmediately() {
        if let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8),
           let line = text.split(separator: "\n").first, let pid = pid_t(line), pid > 0 {
            kill(pid, SIGQUIT)
            for _ in 0..<500 where kill(pid, 0) == 0 { usleep(10_000) }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func create() async throws(ClusterError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotPrepareDirectory(path: directory, reason: "\(error)")
        }
        try ServerAccount.takeOwnership(of: directory)
        try ServerAccount.checkReachable(directory)
        let result = try await runner.run(binaries.initdb, [
            "-D", dataDirectory, "-U", Self.superuser, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync",
        ])
        guard result.status == 0 else { throw .commandFailed(program: binaries.initdb, output: result.output) }
    }

    /// Only the Unix socket in our folder, readable by its owner alone (root passes anyway).
    private var serverOptions: String {
        var options = "-c listen_addresses='' -k '\(directory)' -c unix_socket_permissions=0700"
        // A national night writes gigabytes of WAL in one transaction; with the default 1 GB
        // max_wal_size it would checkpoint (and write full pages again) several times mid-run.
        options += " -c shared_buffers=512MB -c max_wal_size=8GB -c checkpoint_timeout=30min"
        if durability == .throwaway {
            // A test process runs its suites in parallel, each test with its own database and pool.
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        }
        return options
    }

    private func tailOfLog() -> String {
        guard let log = try? String(contentsOfFile: logFile, encoding: .utf8) else { return "" }
        return "\n" + log.split(separator: "\n").suffix(10).joined(separator: "\n")
    }
}
