import ArgumentParser
import MatchCore
import MatchStore

struct PolicyCommand: AsyncParsableCommand {
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
            Console.say("office \(office) policy v\(policy.version); offers open for \(policy.offerDays) days")
            for feature in ScoringFeature.allCases { Console.say("  weight \(feature.rawValue) = \(policy.policy.weight(feature))") }
            if let reason = policy.policy.nativePlaceReason { Console.say("  native-place reason: \(reason)") }
            for region in policy.regions {
                Console.say("  region \(region.code): cap \(region.cap.map(String.init) ?? "-"), floor \(region.floor.map(String.init) ?? "-")")
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the office's next policy version. Unnamed weights keep the standard values."
        )

        @Option(help: "The office's code.")
        var office: String
        @Option(name: .customLong("weight"), help: "feature=weight, e.g. specialty-fit=40 (repeatable). Features: \(ScoringFeature.allCases.map(\.rawValue).joined(separator: ", ")).")
        var weights: [String] = []
        @Option(name: .customLong("cap"), help: "region=seats, a cap on an attractive region, e.g. 511902=2 (repeatable).")
        var caps: [String] = []
        @Option(name: .customLong("floor"), help: "region=seats, a floor for an underserved region (repeatable).")
        var floors: [String] = []
        @Option(help: "Days a candidate has to answer an offer.")
        var offerDays = 7
        @Option(help: "Years of experience at which the experience score is full.")
        var experienceCap = 10
        @Option(help: "Why a native-place weight is used (required when it is positive; shown to candidates).")
        var nativePlaceReason: String?
        @Option(help: "A note for the record.")
        var note = ""

        func run() async throws {
            let context = CommandContext()
            let draft = try makeDraft()
            let version = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                try await PolicyStore(database: database).create(officeCode: office, draft: draft, actor: "cli:policy")
            }
            Console.say("created policy v\(version) for office \(office)")
        }

        private func makeDraft() throws -> PolicyDraft {
            var draft = PolicyDraft(offerDays: offerDays, note: note)
            draft.experienceCap = experienceCap
            draft.nativePlaceReason = nativePlaceReason
            for entry in weights {
                let (name, value) = try Self.pair(entry, option: "--weight")
                guard let feature = ScoringFeature(rawValue: name), let weight = Double(value) else {
                    throw ValidationError("--weight \(entry): expected feature=number with a feature among \(ScoringFeature.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                draft.weights[feature] = weight
            }
            var settings: [RegionCode: PolicyDraft.RegionSetting] = [:]
            for (entries, isCap) in [(caps, true), (floors, false)] {
                for entry in entries {
                    let (code, value) = try Self.pair(entry, option: isCap ? "--cap" : "--floor")
                    guard let region = RegionCode(code), let seats = Int(value) else {
                        throw ValidationError("\(isCap ? "--cap" : "--floor") \(entry): expected region=seats, e.g. 511902=2")
                    }
                    var setting = settings[region] ?? PolicyDraft.RegionSetting(region: region)
                    if isCap { setting.cap = seats } else { setting.floor = seats }
                    settings[region] = setting
                }
            }
            draft.regions = settings.values.sorted { $0.region < $1.region }
            return draft
        }

        private static func pair(_ entry: String, option: String) throws -> (String, String) {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("\(option) \(entry): expected name=value") }
            return (parts[0], parts[1])
        }
    }
}
