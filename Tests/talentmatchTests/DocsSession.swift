import Foundation
import MatchStore
import MatchStoreTesting

/// The machine a reader of the README and the runbook sits at: a fresh database, a folder to
/// work in, `talentmatch` on the PATH, a free port for the server, and what earlier commands
/// printed (tokens, the run's id) for the later ones to use, as the reader would copy them.
final class DocsSession: @unchecked Sendable {
    let work: String
    let port: Int
    var environment: [String: String]
    let settings: ConnectionSettings
    var server: BackgroundCommand?
    /// The demo's committed run: what the docs call `RUN_ID` (and run 1 on a fresh database).
    var runID: Int64?

    static let packageRoot = URL(fileURLWithPath: TestCluster.schemaDirectory).deletingLastPathComponent().path

    init() async throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("tm-docs-\(UUID().uuidString)").path
        let bin = work + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        // The runbook's step 3 makes /etc/talentmatch with `install -D` (root); here it is a folder of ours.
        for folder in ["/tmp", "/etc/talentmatch"] {
            try FileManager.default.createDirectory(atPath: work + folder, withIntermediateDirectories: true)
        }
        try FileManager.default.createSymbolicLink(atPath: bin + "/talentmatch", withDestinationPath: CommandLine.executable.path)
        port = try Self.freePort()
        settings = try await TestCluster.shared.makeDatabase(migrated: false)
        environment = [
            "DATABASE_URL": settings.redactedURL, "TALENTMATCH_HOME": work + "/home", "TALENTMATCH_SCHEMA_DIR": TestCluster.schemaDirectory,
            "TALENTMATCH_PORT": "\(port)", "PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
        ]
    }

    /// The line as this machine runs it: placeholders filled in, /tmp and /etc inside `work`,
    /// the documented port replaced by the free one.
    func localised(_ text: String) -> String {
        var line = text
        if let runID {
            line = line.replacingOccurrences(of: "LAST_GOOD_RUN_ID", with: "\(runID)").replacingOccurrences(of: "RUN_ID", with: "\(runID)")
        }
        // The runbook's failed night: one whose offers are still within their deadline, as a
        // night an operator reruns is (tonight's, which the demo committed).
        line = line.replacingOccurrences(of: "--date NIGHT", with: "--date \(Self.tonight)")
        return line.replacingOccurrences(of: " /tmp/", with: " \(work)/tmp/")
            .replacingOccurrences(of: " /etc/talentmatch/", with: " \(work)/etc/talentmatch/")
            .replacingOccurrences(of: "HOST:8080", with: "127.0.0.1:8080")
            .replacingOccurrences(of: ":8080", with: ":\(port)")
    }

    /// Runs a shell line in the work folder.
    func shell(_ line: String) throws -> CommandLine.Result {
        try CommandLine.run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", line], environment: environment, in: work)
    }

    /// Starts a shell line that keeps running (`serve &`, `demo`).
    func background(_ line: String) throws -> BackgroundCommand {
        try BackgroundCommand(["-c", "exec " + line], environment: environment, in: work, executable: URL(fileURLWithPath: "/bin/sh"))
    }

    /// Tokens as the reader copies them from the demo's output into OFFICE_TOKEN and CENTRE_TOKEN.
    func takeTokens(from printed: String) {
        for line in printed.split(separator: "\n") {
            for (label, variable) in [("centre token: ", "CENTRE_TOKEN"), ("office token: ", "OFFICE_TOKEN")] {
                if let range = line.range(of: label) { environment[variable] = String(line[range.upperBound...]) }
            }
            if let match = line.firstMatch(of: /run (\d+) committed for|already has run (\d+)/) {
                runID = Int64(match.1 ?? match.2 ?? "")
            }
        }
    }

    func count(_ sql: String) async throws -> Int {
        try await Database.withOpen(settings, logger: TestCluster.logger) { database in
            try await NightlyFixture.count(sql, database)
        }
    }

    func finish() async throws -> Int32? {
        defer { try? FileManager.default.removeItem(atPath: work) }
        return try await server?.stop(SIGTERM)
    }

    /// A port nothing listens on: bound by the system's choice, then released.
    /// Today in China Standard Time, as `nightly` reads its default night.
    static var tonight: String { CalendarDate.today().description }

    private static func freePort() throws -> Int {
        let (socket, port) = try ServeCommandTests.listeningSocket()
        close(socket)
        return port
    }
}
