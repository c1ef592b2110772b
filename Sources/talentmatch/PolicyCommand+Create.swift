import ArgumentParser
import MatchCore
import MatchStore

extension PolicyCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the office's next policy version.",
            discussion: "A version is complete in itself (ADR 0045). Weights not named keep their standard values ("
                + ScoringFeature.allCases.map { "\($0.rawValue) \(Self.number(Policy.standard.weight($0)))" }.joined(separator: ", ")
                + "), not the previous version's; --experience-cap is 10 and --offer-days 7 unless given. The version has "
                + "only the caps and floors given here: those of the previous version do not carry over, so repeat the ones "
                + "to keep (`talentmatch policy show` lists them). A cap or floor names a region in the regions table inside "
                + "the office's own region. POST /api/v1/offices/{code}/policies follows the same rules."
        )

        @Option(help: "The office's code.")
        var office: String
        @Option(name: .customLong("weight"), help: "feature=weight, 0 to 1000, e.g. specialty-fit=40 (repeatable). Features: \(ScoringFeature.allCases.map(\.rawValue).joined(separator: ", ")).")
        var weights: [String] = []
        @Option(name: .customLong("cap"), help: "region=seats, a cap on an attractive region, e.g. 511902=2 (repeatable).")
        var caps: [String] = []
        @Option(name: .customLong("floor"), help: "region=seats, a floor for an underserved region, e.g. 511921=2 (repeatable).")
        var floors: [String] = []
        @Option(help: "Days a candidate has to answer an offer, 1 to 60.")
        var offerDays = PolicyDraft.standardOfferDays
        @Option(help: "Years of experience at which the experience score is full, 1 to 40.")
        var experienceCap = PolicyDraft.standardExperienceCap
        @Option(help: "Why a native-place weight is used (required when it is positive; shown to candidates).")
        var nativePlaceReason: String?
        @Option(help: "A note for the record.")
        var note = ""

        func run() async throws {
            let (draft, regionOptions) = try makeDraft()
            let context = CommandContext()
            let (previous, version) = try await context.target.withDatabase(role: .application, logger: context.logger) { database in
                let store = PolicyStore(database: database)
                let previous = try await store.current(officeCode: office)
                do {
                    return (previous, try await store.create(officeCode: office, draft: draft, actor: "cli:policy"))
                } catch PolicyDraftError.regionRefused(_, let region, let problem) {
                    throw InputProblem(regionOptions[region] ?? "--cap/--floor \(region)", problem)
                }
            }
            Console.say("created policy v\(version) for office \(office)")
            if let dropped = Self.dropped(from: previous, keeping: draft.regions) {
                Console.say("  not carried over from v\(previous?.version ?? 0) (a version has only the caps and floors given): \(dropped)")
            }
        }

        /// The draft, every value checked before the database is opened, and the options that
        /// named each region (to name them again if the store refuses one).
        private func makeDraft() throws -> (PolicyDraft, [RegionCode: String]) {
            var draft = PolicyDraft(experienceCap: experienceCap, nativePlaceReason: nativePlaceReason, offerDays: offerDays, note: note)
            var weightOptions: [ScoringFeature: String] = [:]
            for entry in weights {
                let (name, value) = try Self.pair(entry, option: "--weight", shape: "feature=weight, e.g. experience=20")
                guard let feature = ScoringFeature(rawValue: name) else {
                    throw InputProblem(option: "--weight", value: entry,
                                       "no feature '\(name)'; one of \(ScoringFeature.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard let weight = Double(value) else { throw InputProblem(option: "--weight", value: entry, "the weight is not a number") }
                draft.weights[feature] = weight
                weightOptions[feature] = "--weight \(entry)"
            }
            var settings: [RegionCode: PolicyDraft.RegionSetting] = [:]
            var regionOptions: [RegionCode: String] = [:]
            for (entries, option) in [(caps, "--cap"), (floors, "--floor")] {
                for entry in entries {
                    let (code, value) = try Self.pair(entry, option: option, shape: "region=seats, e.g. 511902=2")
                    guard let region = RegionCode(code), region.level != .township else {
                        throw InputProblem(option: option, value: entry, "'\(code)' is not a region code (a province, prefecture or county: 51, 5119, 511921)")
                    }
                    guard let seats = Int(value), seats >= 0 else {
                        throw InputProblem(option: option, value: entry, "seats must be a whole number, 0 or more")
                    }
                    var setting = settings[region] ?? PolicyDraft.RegionSetting(region: region)
                    if option == "--cap" { setting.cap = seats } else { setting.floor = seats }
                    settings[region] = setting
                    regionOptions[region] = [regionOptions[region], "\(option) \(entry)"].compactMap { $0 }.joined(separator: " ")
                }
            }
            draft.regions = settings.values.sorted { $0.region < $1.region }
            do {
                _ = try draft.validated(version: 1)
            } catch {
                guard case .invalid(let field, let problem) = error else { throw error }
                throw Self.problem(field: field, problem, draft: draft, weightOptions: weightOptions, regionOptions: regionOptions)
            }
            return (draft, regionOptions)
        }

        /// A draft's refusal, named by the option that caused it.
        private static func problem(
            field: String, _ problem: String, draft: PolicyDraft, weightOptions: [ScoringFeature: String], regionOptions: [RegionCode: String]
        ) -> InputProblem {
            let parts = field.split(separator: "/").map(String.init)
            switch parts.first {
            case "offerDays": return InputProblem("--offer-days \(draft.offerDays)", problem)
            case "experienceCap": return InputProblem("--experience-cap \(draft.experienceCap)", problem)
            case "nativePlaceReason":
                return InputProblem(weightOptions[.nativePlace] ?? "--weight native-place",
                                    "a positive native-place weight needs --native-place-reason \"…\", which candidates see")
            case "weights":
                let feature = parts.count > 1 ? ScoringFeature(rawValue: parts[1]) : nil
                return InputProblem(feature.flatMap { weightOptions[$0] } ?? "--weight", problem)
            case "regions":
                let region = parts.count > 1 ? Int(parts[1]).map { draft.regions[$0].region } : nil
                return InputProblem(region.flatMap { regionOptions[$0] } ?? "--cap/--floor", problem)
            default: return InputProblem(field, problem)
            }
        }

        private static func pair(_ entry: String, option: String, shape: String) throws -> (String, String) {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw InputProblem(option: option, value: entry, "expected \(shape)") }
            return (parts[0], parts[1])
        }

        /// The previous version's caps and floors on regions the new one does not name, e.g.
        /// `cap 5119=12, floor 511921=2`; nil when nothing was dropped.
        static func dropped(from previous: NightlySnapshot.PolicyVersion?, keeping regions: [PolicyDraft.RegionSetting]) -> String? {
            let kept = Set(regions.map(\.region))
            let lost = (previous?.regions ?? []).filter { !kept.contains($0.code) }.flatMap { region in
                [region.cap.map { "cap \(region.code)=\($0)" }, region.floor.map { "floor \(region.code)=\($0)" }].compactMap { $0 }
            }
            return lost.isEmpty ? nil : lost.joined(separator: ", ")
        }

        private static func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
    }
}
