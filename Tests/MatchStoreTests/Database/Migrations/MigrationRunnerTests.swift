import Foundation
@testable import MatchStore
import MatchStoreTesting
import PostgresNIO
import Testing

@Suite("Migrations")
struct MigrationRunnerTests {
    @Test("the real Schema/ applies from nothing, and a second run is a no-op")
    func realSchemaTwice() async throws {
        let migrations = try MigrationSource(directory: TestCluster.schemaDirectory).load()
        #expect(migrations.count >= 5)
        try await withTestDatabase(migrated: false) { (database) async throws in
            let runner = MigrationRunner(database: database, migrations: migrations)
            let first = try await runner.migrate()
            #expect(first.applied == migrations.map(\.fileName))
            let second = try await runner.migrate()
            #expect(second.applied.isEmpty)
            #expect(second.alreadyApplied == migrations.count)
            #expect(try await runner.isCurrent())
        }
    }

    @Test("a migration changed after it was applied is refused before anything runs")
    func changedFileRefused() async throws {
        let folder = try SchemaFolder(["0001_a.sql": "CREATE TABLE a (id int);"])
        try await withTestDatabase(migrated: false) { (database) async throws in
            _ = try await MigrationRunner(database: database, migrations: folder.load()).migrate()
            try folder.write("0001_a.sql", "CREATE TABLE a (id bigint);")
            try folder.write("0002_b.sql", "CREATE TABLE b (id int);")
            let error = await #expect(throws: MigrationError.self) {
                try await MigrationRunner(database: database, migrations: folder.load()).migrate()
            }
            guard case .changedAfterApply(let file, _, _) = error else {
                Issue.record("expected changedAfterApply, got \(String(describing: error))")
                return
            }
            #expect(file == "0001_a.sql")
            #expect(try await tableExists("b", database) == false, "nothing later was applied")
        }
    }

    @Test("a failing migration is rolled back, named by file and line, and later ones are not attempted")
    func failureRollsBack() async throws {
        let folder = try SchemaFolder([
            "0001_ok.sql": "CREATE TABLE first (id int);",
            "0002_broken.sql": "CREATE TABLE second (id int);\nINSERT INTO second VALUES (1);\nSELEC oops;\n",
            "0003_later.sql": "CREATE TABLE third (id int);",
        ])
        try await withTestDatabase(migrated: false) { (database) async throws in
            let runner = MigrationRunner(database: database, migrations: try folder.load())
            let error = await #expect(throws: MigrationError.self) { try await runner.migrate() }
            guard case .failed(let file, let line, let message) = error else {
                Issue.record("expected failed, got \(String(describing: error))")
                return
            }
            #expect(file == "0002_broken.sql")
            #expect(line == 3)
            #expect(message.contains("SELEC"))
            #expect(try await tableExists("first", database))
            #expect(try await tableExists("second", database) == false, "the failed file's own work is rolled back")
            #expect(try await tableExists("third", database) == false)
            #expect(try await runner.status().map(\.isApplied) == [true, false, false])
        }
    }

    @Test("two migrate runs at once apply every file exactly once")
    func concurrentRuns() async throws {
        let migrations = try MigrationSource(directory: TestCluster.schemaDirectory).load()
        try await withTestDatabase(migrated: false) { (database) async throws in
            let runner = MigrationRunner(database: database, migrations: migrations)
            async let one = runner.migrate()
            async let two = runner.migrate()
            let reports = try await [one, two]
            #expect(reports.map(\.applied.count).sorted() == [0, migrations.count])
            let rows = try await database.client.query("SELECT count(*) FROM schema_migrations")
            for try await count in rows.decode(Int.self) { #expect(count == migrations.count) }
        }
    }

    @Test("two files with one version number are refused")
    func duplicateVersion() throws {
        let folder = try SchemaFolder(["0001_a.sql": "SELECT 1;", "0001_b.sql": "SELECT 2;"])
        #expect(throws: MigrationError.duplicateVersion(1, "0001_a.sql", "0001_b.sql")) { try folder.load() }
    }

    private func tableExists(_ name: String, _ database: Database) async throws -> Bool {
        let rows = try await database.client.query("SELECT to_regclass(\(name)) IS NOT NULL")
        for try await exists in rows.decode(Bool.self) { return exists }
        return false
    }
}

/// A temporary Schema/ folder for migration tests.
struct SchemaFolder {
    let path: String

    init(_ files: [String: String]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, sql) in files { try write(name, sql) }
    }

    func write(_ name: String, _ sql: String) throws {
        try sql.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
    }

    func load() throws -> [Migration] {
        try MigrationSource(directory: path).load()
    }
}
