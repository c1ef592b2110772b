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
        discussion: "A file that does not exist, is not complete JSON or breaks the format exits 2 with one line "
            + "naming the JSON pointer; an output that cannot be written exits 1. Nothing is written unless the whole result is. "
            + "A night's exported snapshot (version 2) carries its lottery: solve checks that the secret hashes to the "
            + "published commitment and gives the seed, then re-solves the night exactly."
    )

    @Option(name: .long, help: "Instance file (talentmatch.instance/1 or /2).")
    var input: String

    @Option(name: .long, help: "Result file (talentmatch.result/1); standard output when omitted.")
    var output: String?

    // Read as text, so that `--seed -1` is a value to refuse, not a missing one.
    @Option(name: .long, parsing: .unconditional, help: "Lottery seed, a whole number from 0 to \(UInt64.max); overrides the instance's seed.")
    var seed: String?

    @Flag(name: .long, help: "Include an explanation for every candidate.")
    var explain = false

    @Flag(name: .long, help: "Leave out the per-phase seconds (for byte-identical golden files).")
    var noTimings = false

    func run() async throws {
        let lottery = try seed.map { text in
            guard let value = UInt64(text) else { throw InputProblem(option: "--seed", value: text, "must be a whole number from 0 to \(UInt64.max)") }
            return value
        }
        try OutputFile.check(output, option: "--output")
        var clock = PhaseClock()
        CommandIO.progress("reading \(input)")
        var bytes = try InputFile.bytes(input, option: "--input")
        clock.lap("read")
        CommandIO.progress("parsing \(bytes.count) bytes")
        let document: InstanceDocument
        do {
            document = try InstanceDocument.decode(bytes, seed: lottery)
        } catch {
            throw InputProblem(option: "--input", value: input, "not a valid instance at \(error)")
        }
        if let published = document.lottery {
            guard LotteryCheck.isKept(published) else {
                throw InputProblem(
                    option: "--input", value: input,
                    "not a valid instance at /lottery: the secret does not hash to the commitment \(published.commitment)"
                )
            }
            CommandIO.progress("lottery: the secret hashes to the commitment \(published.commitment); seed \(published.seed)")
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
        try OutputFile.save(result, to: output, option: "--output")
    }
}

/// Progress lines of the MatchCore commands, on standard error.
enum CommandIO {
    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("talentmatch: \(message)\n".utf8))
    }
}
