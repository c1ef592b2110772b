import ArgumentParser
import MatchCore
import MatchStore

struct PolicyCommand: CommandGroup {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Show or create an office's scoring and mechanism policy (versions are never edited).",
        subcommands: [Show.self, Create.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the policy version in force.")

        @Option(help: "The office's code.")
        var office: String

        func run() async throws {
            let context = CommandContext()
            let found = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await PolicyStore(database: database).current(officeCode: office)
            }
            guard let policy = found else {
                Console.say("office \(office) has no policy yet; create one with `talentmatch policy create --office \(office)`")
                return
            }
            Self.describe(policy, office: office).forEach(Console.say)
        }

        static func describe(_ version: NightlySnapshot.PolicyVersion, office: String) -> [String] {
            var lines = ["office \(office) policy v\(version.version); offers open for \(version.offerDays) days"]
            lines += ScoringFeature.allCases.map { "  weight \($0.rawValue) = \(version.policy.weight($0))" }
            lines.append("  experience cap: \(version.policy.experienceCap) years (more experience scores no higher)")
            if let reason = version.policy.nativePlaceReason { lines.append("  native-place reason: \(reason)") }
            if version.regions.isEmpty { lines.append("  no caps or floors") }
            for region in version.regions {
                lines.append("  region \(region.code): cap \(region.cap.map(String.init) ?? "-"), floor \(region.floor.map(String.init) ?? "-")")
            }
            return lines
        }
    }
}
