import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MatchStore
import MatchStoreTesting
import Testing

@Suite("talentmatch serve")
struct ServeCommandTests {
    @Test("serve answers /health and /ready, and SIGTERM stops it cleanly with status 0")
    func gracefulStop() async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        let port = Int.random(in: 20_000...60_000)
        let process = Process()
        process.executableURL = CommandLine.executable
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "\(port)"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = settings.redactedURL
        environment["TALENTMATCH_SCHEMA_DIR"] = TestCluster.schemaDirectory
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("tm-serve-keys-\(UUID().uuidString)").path
        try IdentityNumberKeyFile.create(path: keys, keys: .generate())
        defer { try? FileManager.default.removeItem(atPath: keys) }
        environment["TALENTMATCH_ID_NUMBER_KEYS_FILE"] = keys
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let health = try await poll(URL(string: "http://127.0.0.1:\(port)/health")!)
        #expect(health == 200)
        let ready = try await poll(URL(string: "http://127.0.0.1:\(port)/ready")!)
        #expect(ready == 200)

        process.terminate()
        for _ in 0..<200 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning, "stopped within 10 s of SIGTERM")
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    @Test("without ID-number keys serve does not start: one line naming TALENTMATCH_ID_NUMBER_KEYS_FILE, exit status 1")
    func missingKeys() async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tm-nokeys-\(UUID().uuidString)").path
        let base = ["DATABASE_URL": settings.redactedURL, "TALENTMATCH_SCHEMA_DIR": TestCluster.schemaDirectory, "TALENTMATCH_HOME": home]
        let local = try CommandLine.run(["serve", "--port", "1"], environment: base)
        #expect(local.status == 1)
        #expect(local.stderr.split(separator: "\n").count == 1, "\(local.stderr)")
        #expect(local.stderr.contains("TALENTMATCH_ID_NUMBER_KEYS_FILE") && local.stderr.contains("talentmatch keys generate"))
        let named = try CommandLine.run(["serve", "--port", "1"], environment: base.merging(["TALENTMATCH_ID_NUMBER_KEYS_FILE": home + "/none"]) { $1 })
        #expect(named.status == 1 && named.stderr.contains(home + "/none") && named.stderr.contains("does not exist"))
        #expect(!FileManager.default.fileExists(atPath: home + "/id-number-keys"), "serve never creates keys")
    }

    @Test("serve on a port in use: one line naming the address and the port, exit 1")
    func busyPort() async throws {
        let settings = try await TestCluster.shared.makeDatabase()
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("tm-busy-keys-\(UUID().uuidString)").path
        try IdentityNumberKeyFile.create(path: keys, keys: .generate())
        defer { try? FileManager.default.removeItem(atPath: keys) }
        let (socket, port) = try Self.listeningSocket()
        defer { close(socket) }
        let result = try CommandLine.run(["serve", "--host", "127.0.0.1", "--port", "\(port)"], environment: [
            "DATABASE_URL": settings.redactedURL, "TALENTMATCH_SCHEMA_DIR": TestCluster.schemaDirectory, "TALENTMATCH_ID_NUMBER_KEYS_FILE": keys,
            "LOG_LEVEL": "critical",
        ])
        expectRefused(result, status: 1, mentioning: "cannot listen on 127.0.0.1:\(port): the port is in use", "--port")
    }

    /// A TCP socket listening on a free loopback port, as another server would hold it.
    static func listeningSocket() throws -> (Int32, Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        guard bound == 0, listen(descriptor, 1) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// GETs `url` until the server answers (up to 30 s), returning the status code.
    private func poll(_ url: URL) async throws -> Int {
        for _ in 0..<300 {
            if let (_, response) = try? await URLSession.shared.data(from: url), let http = response as? HTTPURLResponse {
                return http.statusCode
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return -1
    }
}
