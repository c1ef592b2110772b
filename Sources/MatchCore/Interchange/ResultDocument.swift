/// The `talentmatch.result/1` file format. Keys always come in the same order and numbers in
/// one format, so equal results are byte-identical; only `stats.seconds` varies between
/// runs, and it is left out when `includeTimings` is false (golden files).
public enum ResultDocument {
    public static let format = "talentmatch.result/1"

    public struct Options: Sendable {
        public var includeExplanations: Bool
        public var includeTimings: Bool
        /// Extra timed phases from the caller (e.g. "parse", "verify", "write").
        public var phases: [(phase: String, seconds: Double)]

        public init(includeExplanations: Bool = false, includeTimings: Bool = true, phases: [(phase: String, seconds: Double)] = []) {
            self.includeExplanations = includeExplanations
            self.includeTimings = includeTimings
            self.phases = phases
        }
    }

    public static func encode(
        instance: MatchInstance, outcome: MatchOutcome, verification: VerificationReport,
        explainer: Explainer? = nil, options: Options = Options()
    ) -> [UInt8] {
        var writer = JSONWriter(reserving: 64 * instance.candidateCount + 4096)
        writer.beginObject()
        writer.key("format"); writer.string(format)
        writer.key("seed"); writer.uint(instance.seed)
        writer.key("mechanism"); writer.string(outcome.mechanism.rawValue)
        writer.key("couplesConverged"); writer.bool(outcome.couplesConverged)
        // Only with couples, so results without them keep their bytes.
        if !instance.couples.isEmpty { writer.key("couplesSettlement"); writer.string(outcome.couplesSettlement.rawValue) }
        writeAssignments(&writer, instance, outcome)
        writeFloors(&writer, outcome)
        writeVerification(&writer, instance, verification)
        if options.includeExplanations, let explainer {
            writer.key("explanations")
            ExplanationWriter.write(&writer, explainer: explainer)
        }
        writeStats(&writer, outcome.statistics, options: options)
        writer.endObject()
        writer.newline()
        return writer.bytes
    }

    private static func writeAssignments(_ writer: inout JSONWriter, _ instance: MatchInstance, _ outcome: MatchOutcome) {
        writer.key("assignments")
        writer.beginArray()
        for (candidate, vacancy) in outcome.assignment.enumerated() where vacancy >= 0 {
            writer.newline()
            writer.beginObject()
            writer.key("candidate"); writer.string(instance.candidateIDs[candidate])
            writer.key("vacancy"); writer.string(instance.vacancyIDs[Int(vacancy)])
            writer.endObject()
        }
        writer.endArray()
        writer.key("unassigned")
        writer.beginArray()
        for (candidate, vacancy) in outcome.assignment.enumerated() where vacancy < 0 {
            writer.string(instance.candidateIDs[candidate])
        }
        writer.endArray()
    }

    private static func writeFloors(_ writer: inout JSONWriter, _ outcome: MatchOutcome) {
        writer.key("floorShortfall")
        writer.beginArray()
        for floor in outcome.floorShortfalls {
            writer.beginObject()
            writer.key("region"); writer.string(floor.code.digits)
            writer.key("floor"); writer.int(floor.floor)
            writer.key("placed"); writer.int(floor.placed)
            writer.key("shortfall"); writer.int(floor.shortfall)
            writer.endObject()
        }
        writer.endArray()
    }

    private static func writeVerification(_ writer: inout JSONWriter, _ instance: MatchInstance, _ report: VerificationReport) {
        writer.key("verification")
        writer.beginObject()
        writer.key("stable"); writer.bool(report.isStable)
        writer.key("feasible"); writer.bool(report.isFeasible)
        writer.key("notion"); writer.string(report.stabilityNotion)
        writer.key("violations")
        writer.beginArray()
        for violation in report.violations {
            writer.newline()
            writer.beginObject()
            writer.key("kind"); writer.string(violation.kind.rawValue)
            if violation.candidate >= 0 { writer.key("candidate"); writer.string(instance.candidateIDs[violation.candidate]) }
            if violation.vacancy >= 0 { writer.key("vacancy"); writer.string(instance.vacancyIDs[violation.vacancy]) }
            if violation.region >= 0 { writer.key("region"); writer.string(instance.regions[violation.region].code.digits) }
            if violation.couple >= 0 { writer.key("couple"); writer.int(violation.couple) }
            writer.key("detail"); writer.string(violation.detail)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    private static func writeStats(_ writer: inout JSONWriter, _ statistics: SolveStatistics, options: Options) {
        writer.key("stats")
        writer.beginObject()
        writer.key("proposals"); writer.int(statistics.proposals)
        writer.key("rounds"); writer.int(statistics.rounds)
        writer.key("coupleProposals"); writer.int(statistics.coupleProposals)
        if options.includeTimings {
            writer.key("seconds")
            writer.beginObject()
            for (phase, seconds) in statistics.seconds + options.phases {
                writer.key(phase)
                writer.double((seconds * 1_000_000).rounded() / 1_000_000)
            }
            writer.endObject()
        }
        writer.endObject()
    }
}
