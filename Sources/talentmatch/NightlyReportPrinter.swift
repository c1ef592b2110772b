import ArgumentParser
import MatchStore
import MatchWorkflow

/// Prints how a night ended: the market's result, or only one office's part of it
/// (`nightly --office`), with the lottery anyone can check.
struct NightlyReportPrinter {
    /// Narrows what is printed to this office's part; nil prints the market.
    let office: String?

    func print(_ outcome: NightlyOutcome, date: String) throws {
        switch outcome {
        case .alreadyRunning:
            Console.say("a run of this market for \(date) is already in progress elsewhere; nothing to do")
        case .alreadyDone(let runID):
            Console.say("this market already has run \(runID) for \(date); use --rerun to replace it")
        case .committed(let runID, let report):
            Console.say("run \(runID) committed for market \(report.market) on \(date): \(report.offers) offers released")
            printReport(report)
        case .dryRun(let report, let difference):
            Console.say("dry run for market \(report.market) on \(date): nothing was written")
            printReport(report)
            difference.lines.forEach { Console.say("  " + $0) }
        case .failed(let runID, let reasons):
            Console.say("run \(runID.map { "\($0) " } ?? "")failed for \(date); no offer was created:")
            reasons.prefix(50).forEach { Console.say("  " + $0) }
            if reasons.count > 50 { Console.say("  … and \(reasons.count - 50) more") }
            throw ExitCode(1)
        }
    }

    private func printReport(_ report: NightlyReport) {
        if let lottery = report.lottery {
            Console.say("  lottery: commitment sha256:\(lottery.commitment) (published when rankings froze)")
            Console.say("           secret \(lottery.secretHex), seed \(lottery.seed) (its first 8 bytes); check: "
                        + "printf \(lottery.secretHex) | xxd -r -p | sha256sum")
        } else {
            Console.say("  lottery: none drawn (a dry run reuses the compared run's seed \(report.seed))")
        }
        Console.say("  snapshot \(report.snapshotHash.prefix(16))…")
        if let office {
            guard let part = report.part(of: office) else {
                Console.say("  office \(office) has no part in this market's night")
                return
            }
            Console.say("  office \(office): " + (part.policyVersion.map { "policy v\($0)" } ?? "no policy, its posts sat the night out"))
            part.summary.lines.forEach { Console.say("    " + $0) }
            printExclusions(report.exclusions.filter { $0.officeID == part.office.id })
            return
        }
        report.summary.lines.forEach { Console.say("  " + $0) }
        for part in report.offices {
            let policy = part.policyVersion.map { "policy v\($0)" } ?? "no policy"
            Console.say("  office \(part.office.code) (\(policy)): filled \(part.summary.filled) of \(part.summary.seats) seats"
                        + (part.summary.excludedCount > 0 ? ", \(part.summary.excludedCount) vacancies left out" : ""))
        }
        printExclusions(report.exclusions)
    }

    private func printExclusions(_ exclusions: [NightlySnapshot.Exclusion]) {
        for exclusion in exclusions.prefix(20) { Console.say("  left out: \(exclusion)") }
        if exclusions.count > 20 { Console.say("  left out: … and \(exclusions.count - 20) more (see the run's exclusions in the API)") }
    }
}
