import ArgumentParser
import Foundation
import MatchCore
import MatchWorkflow

/// `talentmatch solve`: reads a `talentmatch.instance/1` or `/2` file, matches, verifies and
/// writes a `talentmatch.result/1` file. Bad input exits with status 2 and writes nothing; so
/// does a night's lottery whose secret does not hash to its commitment.
struct SolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Match candidates to vacancies from an instance file (talentmatch.instance/1 or /2).",
        discussion: "A night's exported snapshot (version 2) carries its lottery: solve checks that the secret hashes to the "
            + "published commitment and gives the seed, then re-solves the night exactly."
    )

    @Option(name: .long, help: "Instance file (talentmatch.instance/1 or /2).")
    var input: String

    @Option(name: .long, help: "Result file (talentmatch.result/1); standard output when omitted.")
    var output: String?

    @Option(name: .long, help: "Lottery seed; overrides the instance's seed.")
    var seed: UInt64?

    @Flag(name: .long, help: "Include an explanation for every candidate.")
    var explain = false

    @Flag(name: .long, help: "Leave out the per-phase seconds (for byte-identical golden files).")
    var noTimings = false

    func run() async throws {
        var clock = PhaseClock()
        CommandIO.progress("reading \(input)")
        var bytes: [UInt8]
        do {
            bytes = try CommandIO.readBytes(input)
        } catch {
            CommandIO.fail("cannot read \(input): \(error)")
            throw ExitCode(2)
        }
        clock.lap("read")
        CommandIO.progress("parsing \(bytes.count) bytes")
        let document: InstanceDocument
        do {
            document = try InstanceDocument.decode(bytes, seed: seed)
        } catch {
            CommandIO.fail("invalid instance: \(error)")
            throw ExitCode(2)
        }
        if let lottery = document.lottery {
            guard LotteryCheck.isKept(lottery) else {
                CommandIO.fail("invalid instance: /lottery: the secret does not hash to the commitment \(lottery.commitment)")
                throw ExitCode(2)
            }
            CommandIO.progress("lottery: the secret hashes to the commitment \(lottery.commitment); seed \(lottery.seed)")
        }
        // The file (590 MB at 1M candidates) is not needed past parsing: free it before the
        // solver allocates its rank tables, which is where peak memory is reached.
        bytes = []
        clock.lap("parse")
        let instance = document.instance
        CommandIO.progress("solving \(instance.candidateCount) candidates × \(instance.vacancyCount) vacancies")
        let outcome = MatchEngine.solve(instance)
        CommandIO.progress("verifying")
        var after = PhaseClock()
        let report = Verifier.verify(instance, assignment: outcome.assignment)
        after.lap("verify")
        let explainer = explain ? Explainer(instance: instance, assignment: outcome.assignment, assessment: document.assessment) : nil
        CommandIO.progress(report.isStable ? "stable" : "\(report.violations.count) violations found")
        let result = ResultDocument.encode(
            instance: instance, outcome: outcome, verification: report, explainer: explainer,
            options: .init(includeExplanations: explain, includeTimings: !noTimings, phases: clock.phases + after.phases)
        )
        CommandIO.progress("writing \(result.count) bytes")
        try CommandIO.write(result, to: output)
    }
}

/// File and terminal helpers shared by the MatchCore commands.
enum CommandIO {
    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("talentmatch: \(message)\n".utf8))
    }

    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    /// Reads a whole file straight into a byte array (no intermediate copy: inputs reach 500 MB).
    static func readBytes(_ path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
        defer { try? handle.close() }
        let size = Int(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        let descriptor = handle.fileDescriptor
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let got = read(descriptor, buffer.baseAddress! + done, size - done)
                if got <= 0 { failed = got < 0; break }
                done += got
            }
            count = done
        }
        if failed || bytes.count != size { throw CocoaError(.fileReadUnknown) }
        return bytes
    }

    /// Writes atomically (temporary file, then rename) so a failure leaves no partial file;
    /// to standard output when `path` is nil.
    static func write(_ bytes: [UInt8], to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            fail("cannot write \(path): \(error)")
            throw ExitCode(1)
        }
    }
}
