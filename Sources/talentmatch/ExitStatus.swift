import ArgumentParser
import Foundation
import MatchCore
import MatchLocal
import MatchStore
import MatchWorkflow

/// The one place that turns what a command threw into what the person sees: one line on
/// standard error, and the exit status every command keeps (README, runbook, ADR 0046):
///
/// - 0: success, and only success;
/// - 1: the environment failed: the database is unreachable, a file cannot be written, the
///   server or its files are misconfigured; running again later, or elsewhere, may work;
/// - 2: bad input: a value that is well-formed but wrong (an impossible date, an unknown
///   office, run or region, a file that does not exist); nothing was written;
/// - 64: a bad command line: an unknown option, a missing one, a contradiction
///   (swift-argument-parser's usage errors, shown with the command's real usage).
///
/// Commands throw typed errors and never choose a status themselves.
enum ExitStatus {
    static let environment: Int32 = 1
    static let badInput: Int32 = 2
    static let usage: Int32 = 64

    /// The line and the status for `error`, or nil when swift-argument-parser reports it
    /// itself (usage errors with the usage of the command that was parsed, help, `ExitCode`).
    static func report(for error: any Error) -> (line: String, status: Int32)? {
        switch error {
        case is InputProblem, is PolicyDraftError, is TokenIssueError, is ReferenceError, is MatchCore.InputError,
             is OrganisationError, is StaffStoreError:
            return ("\(error)", badInput)
        case let nightly as NightlyError:
            return ("\(nightly)", nightly == .unexpectedSnapshotIdentifier ? environment : badInput)
        case let export as RunExportError:
            if case .noSuchRun = export { return ("\(export)", badInput) }
            return ("\(export)", environment)
        case let synthetic as SyntheticDatasetError:
            return ("\(synthetic)", synthetic == .noReferenceData ? environment : badInput)
        case let keys as IdentityNumberKeyFile.Problem:
            if case .alreadyExists = keys { return ("\(keys)", badInput) }
            return ("\(keys)", environment)
        case let database as DatabaseError:
            // A value validation missed and a constraint caught is still the input's fault.
            let refused = database.cause == .refusedValue || database.cause == .duplicate
            return (database.message, refused ? badInput : environment)
        case let missing as MissingSubcommand:
            return ("\(missing)\nUsage: \(TalentMatch.usageString(for: missing.group))", usage)
        case let topic as UnknownHelpTopic:
            return ("\(topic)", usage)
        case is ValidationError, is CleanExit, is ExitCode:
            return nil
        case let cocoa as CocoaError:
            return (FileSystemFailure(cocoa).description, environment)
        default:
            // swift-argument-parser's own parsing errors (and help requests) are internal types: it knows them.
            let parserStatus = TalentMatch.exitCode(for: error)
            if parserStatus == .validationFailure || parserStatus == .success { return nil }
            return ("\(error)", environment)
        }
    }

    /// Prints `error` as one line (or lets swift-argument-parser print it) and exits.
    static func exit(for error: any Error) -> Never {
        guard let (line, status) = report(for: error) else { TalentMatch.exit(withError: error) }
        Console.progress("error: \(line)")
        TalentMatch.exit(withError: ExitCode(status))
    }
}
