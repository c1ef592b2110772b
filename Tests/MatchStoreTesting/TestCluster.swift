import Foundation
import Logging
import MatchLocal
import MatchStore

/// One throwaway PostgreSQL cluster per test process, in a temporary folder, listening only
/// on a Unix socket there. Every test gets its own database, cloned from a template that was
/// migrated and loaded with reference data once, so tests are isolated and still fast.
///
/// The cluster is stopped and its folder removed when the process exits; folders left by a
/// killed test run are removed the next time tests start.
public actor TestCluster {
    public static let shared = TestCluster()

    private static let templateName = "tm_template"
    private static let folderPrefix = "talentmatch-test-"
    nonisolated(unsafe) private static var folderToRemoveAtExit: String?

    // Tasks, not values: the actor is re-entered while a start or template load is awaited,
    // and every caller must share the one cluster and the one template.
    private var clusterTask: Task<LocalCluster, any Error>?
    private var templateTask: Task<Void, any Error>?
    private var counter = 0

    /// The repository's `Schema/` folder, found from this file's location.
    public static let schemaDirectory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schema").path

    public static var logger: Logger {
        var logger = Logger(label: "talentmatch.tests")
        logger.logLevel = .warning
        return logger
    }

    /// A new, empty database, or (by default) one with every migration and the reference tables.
    public func makeDatabase(migrated: Bool = true) async throws -> ConnectionSettings {
        let cluster = try await startedCluster()
        let provisioner = DatabaseProvisioner(server: cluster.connection(database: "postgres"), logger: Self.logger)
        if migrated { try await prepareTemplate(cluster, provisioner) }
        counter += 1
        let name = "test_\(counter)"
        try await provisioner.ensureDatabase(name, template: migrated ? Self.templateName : nil)
        return cluster.connection(database: name)
    }

    /// The cluster's superuser connection to its maintenance database.
    public func maintenanceConnection() async throws -> ConnectionSettings {
        try await startedCluster().connection(database: "postgres")
    }

    private func startedCluster() async throws -> LocalCluster {
        if let clusterTask { return try await clusterTask.value }
        let task = Task { try await Self.startCluster() }
        clusterTask = task
        return try await task.value
    }

    private static func startCluster() async throws -> LocalCluster {
        removeStaleFolders()
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(folderPrefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let cluster = LocalCluster(directory: folder, durability: .throwaway, binaries: try PostgresBinaries.locate())
        folderToRemoveAtExit = folder
        atexit { TestCluster.removeAtExit() }
        try await cluster.start()
        return cluster
    }

    private func prepareTemplate(_ cluster: LocalCluster, _ provisioner: DatabaseProvisioner) async throws {
        if let templateTask { return try await templateTask.value }
        let task = Task { try await Self.loadTemplate(cluster, provisioner) }
        templateTask = task
        try await task.value
    }

    private static func loadTemplate(_ cluster: LocalCluster, _ provisioner: DatabaseProvisioner) async throws {
        try await provisioner.ensureDatabase(templateName)
        try await Database.withOpen(cluster.connection(database: templateName), logger: logger) { database in
            let migrations = try MigrationSource(directory: schemaDirectory).load()
            _ = try await MigrationRunner(database: database, migrations: migrations).migrate()
            try await ShippedReference(directory: schemaDirectory + "/reference")
                .load(into: ReferenceStore(database: database)) { _ in }
        }
    }

    private static func removeAtExit() {
        guard let folder = folderToRemoveAtExit, let binaries = try? PostgresBinaries.locate() else { return }
        LocalCluster(directory: folder, durability: .throwaway, binaries: binaries).destroyImmediately()
    }

    /// Removes clusters whose test process no longer exists (a run that was killed).
    private static func removeStaleFolders() {
        let temporary = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix(folderPrefix) {
            let pidText = name.dropFirst(folderPrefix.count).prefix { $0 != "-" }
            guard let pid = Int32(pidText), kill(pid, 0) != 0, errno == ESRCH,
                  let binaries = try? PostgresBinaries.locate() else { continue }
            LocalCluster(directory: temporary.appendingPathComponent(name).path, durability: .throwaway, binaries: binaries).destroyImmediately()
        }
    }
}

/// Runs `body` against a fresh test database with an open pool.
public func withTestDatabase<Result: Sendable>(
    migrated: Bool = true,
    role: Database.Role = .owner,
    _ body: @Sendable (Database) async throws -> Result
) async throws -> Result {
    let settings = try await TestCluster.shared.makeDatabase(migrated: migrated)
    return try await Database.withOpen(settings, role: role, logger: TestCluster.logger, body)
}
