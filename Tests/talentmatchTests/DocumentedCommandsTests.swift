import Foundation
import Testing

/// Every `talentmatch` and `curl` line of the README's and the runbook's code blocks, run in
/// order against a fresh database as a reader would, each checked against what its text says.
/// Lines that need root, systemd, Kubernetes or a container engine are listed with the reason
/// (`DocumentedCommand.kind`); a line of a kind the test does not know fails it.
///
/// The demo runs against a throwaway database through DATABASE_URL rather than the embedded
/// cluster the README describes; `CommandLineTests.embeddedDemo` covers that path.
@Suite("The README and the runbook, command by command")
struct DocumentedCommandsTests {
    @Test("every talentmatch and curl command in README.md and Deploy/README.md runs against the demo and does what its text says")
    func documentedCommands() async throws {
        let session = try await DocsSession()
        var ran = 0
        var skipped: [String] = []
        for file in ["README.md", "Deploy/README.md"] {
            for command in try DocumentedCommand.read(file, root: DocsSession.packageRoot) {
                switch command.kind {
                case .skipped(let reason):
                    #expect(reason != "UNCLASSIFIED", "\(command): a command this test does not know; run it here or say why not")
                    skipped.append("\(command)\n    skipped: \(reason)")
                case .talentmatch:
                    try await run(command, session)
                    ran += 1
                case .curl:
                    try await curl(command, session)
                    ran += 1
                }
            }
        }
        print("Documented commands not run here:\n" + skipped.joined(separator: "\n"))
        #expect(ran >= 35, "the extraction found the documents' commands (\(ran) ran)")
        #expect(try await session.finish() == 0, "the server started by `serve &` stops cleanly on SIGTERM")
    }

    private func run(_ command: DocumentedCommand, _ session: DocsSession) async throws {
        let line = session.localised(command.text)
        if line.hasSuffix("&") || line == "talentmatch demo" {
            try await runServing(command, line: line.hasSuffix("&") ? String(line.dropLast()).trimmingCharacters(in: .whitespaces) : line, session)
            return
        }
        let runsBefore = try await session.count("SELECT count(*) FROM match_runs")
        let result = try session.shell(line)
        #expect(result.status == 0, "\(command)\n\(result.stderr)")
        session.takeTokens(from: result.stdout)
        try await DocumentedOutcome.check(line, result, session, runsBefore: runsBefore, source: command)
    }

    /// `demo` serves until Ctrl-C; `serve &` runs beside the following lines.
    private func runServing(_ command: DocumentedCommand, line: String, _ session: DocsSession) async throws {
        let process = try session.background(line)
        if line.contains("demo") {
            let announced = "Serving the API and the candidate gateway on http://localhost:\(session.port)"
            #expect(try await process.waitFor(announced, seconds: 300), "\(command): '\(announced)' in\n\(process.printed)")
        }
        #expect(try await process.waitFor("listening on http://127.0.0.1:\(session.port)", seconds: 300), "\(command): \(process.printed)")
        session.takeTokens(from: process.printed)
        let health = try session.shell("curl --fail-with-body -sS http://127.0.0.1:\(session.port)/health")
        #expect(health.status == 0 && health.stdout.contains("ok"), "\(command): /health answers while it runs: \(health.stderr)")
        if line.contains("demo") {
            #expect(process.printed.contains("office token: tm_") && process.printed.contains("review request 1"), "\(process.printed)")
            // Issue 18: what the night would have sent is in TALENTMATCH_HOME/outbox, one readable file each.
            let outbox = session.work + "/home/outbox"
            let written = (try? FileManager.default.contentsOfDirectory(atPath: outbox)) ?? []
            #expect(written.contains { $0.contains("-offer_released-") } && written.contains { $0.contains("-night_result-email") },
                    "the demo writes the offers' and the night's messages to \(outbox): \(written)")
            #expect(try await process.stop(SIGINT) == 0, "\(command): Ctrl-C stops it cleanly")
        } else {
            session.server = process
        }
    }

    private func curl(_ command: DocumentedCommand, _ session: DocsSession) async throws {
        if session.server == nil {
            // The runbook's curl lines ask a server the units started; here it is ours.
            let server = try session.background("talentmatch serve")
            #expect(try await server.waitFor("listening on"), "\(server.printed)")
            session.server = server
        }
        let line = session.localised(command.text).replacingOccurrences(of: "curl ", with: "curl --fail-with-body -sS ")
        let result = try session.shell(line)
        #expect(result.status == 0, "\(command)\n\(result.stdout)\n\(result.stderr)")
        DocumentedOutcome.checkResponse(line, result.stdout, session, source: command)
    }
}
