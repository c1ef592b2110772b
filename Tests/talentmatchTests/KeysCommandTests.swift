import Foundation
@testable import MatchStore
import MatchStoreTesting
import Testing

@Suite("talentmatch keys")
struct KeysCommandTests {
    @Test("demo against DATABASE_URL makes the local home for its keys when nothing else has (the fuzz run's case)")
    func demoMakesTheHome() async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tm-keys-home-\(UUID().uuidString)/state").path
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: home).deletingLastPathComponent().path) }
        let demo = try CommandLine.run(["demo", "--no-serve"], environment: [
            "DATABASE_URL": settings.redactedURL, "TALENTMATCH_HOME": home, "TALENTMATCH_SCHEMA_DIR": TestCluster.schemaDirectory,
        ])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("ID-number keys: \(home)/id-number-keys (created, mode 0600)"))
        #expect(try FileManager.default.attributesOfItem(atPath: home)[.posixPermissions] as? Int == 0o700)
        #expect(throws: Never.self) { try IdentityNumberKeyFile.load(path: home + "/id-number-keys") }
    }

    @Test("generate writes a 0600 key file once; rotate adds encryption key 2; rekey re-seals with it")
    func generateRotateRekey() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tm-keys-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/keys"
        let generate = try CommandLine.run(["keys", "generate", "--output", path])
        #expect(generate.status == 0, "\(generate.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        let original = try IdentityNumberKeyFile.load(path: path)
        let again = try CommandLine.run(["keys", "generate", "--output", path])
        #expect(again.status != 0 && again.stderr.contains("refusing to overwrite"))

        let settings = try await TestCluster.shared.makeDatabase()
        let environment = ["TALENTMATCH_ID_NUMBER_KEYS_FILE": path, "DATABASE_URL": settings.redactedURL]
        // One stored number, sealed with key 1, for rekey to move.
        let candidate = try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            let rows = try await database.client.query(
                "INSERT INTO candidates (full_name, contact, education, accepted_modes) VALUES ('测试', 'k@example.cn', 'bachelor', '{full_transfer}') RETURNING id",
                logger: database.logger
            )
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            let sealed = try IdentityNumberVault(keys: original).seal(try ResidentIdentityNumber("11010519491231002X"), candidateID: id)
            try await database.client.query(
                "UPDATE candidates SET id_number_hash = \(sealed.hash), id_number_ciphertext = \(sealed.ciphertext) WHERE id = \(id)",
                logger: database.logger
            )
            return id
        }
        let rotate = try CommandLine.run(["keys", "rotate"], environment: environment)
        #expect(rotate.status == 0 && rotate.stdout.contains("encryption key 2 added"), "\(rotate.stderr)")
        let rekey = try CommandLine.run(["keys", "rekey"], environment: environment)
        #expect(rekey.status == 0, "\(rekey.stderr)")
        #expect(rekey.stdout.contains("re-sealed 1 ID number(s) with encryption key 2 (before: key 1: 1)"))
        let stored = try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            let rows = try await database.client.query("SELECT id_number_ciphertext FROM candidates WHERE id = \(candidate)", logger: database.logger)
            var value = Data()
            for try await ciphertext in rows.decode(Data.self) { value = ciphertext }
            return value
        }
        #expect(stored.first == 2)
        let rotated = try IdentityNumberKeyFile.load(path: path)
        #expect(try IdentityNumberVault(keys: rotated).open(stored, candidateID: candidate).digits == "11010519491231002X")
    }
}
