import Foundation
import MatchCore

/// A stored offer explanation (version 2, see `OfferExplanation`) read back into the
/// engine's own types, so each reader words it in its own language.
public struct StoredOfferExplanation: Sendable, Equatable {
    public struct Contribution: Sendable, Equatable {
        public let feature: ScoringFeature
        public let raw: Double
        public let weight: Double
        public let contribution: Double
    }

    public struct RankedAbove: Sendable, Equatable {
        public let vacancyID: Int64
        public let reason: RejectionReason
        /// In a market, the office policy that scored the candidate at that post.
        public let policy: String?
    }

    /// The post's rank in the candidate's whole list (explanations written since ADR 0030).
    public let choice: Int?
    /// The office policy that scored the post they got (`BZ-HR v3`).
    public let policy: String?
    /// The candidate's standing at the post they got.
    public let score: Cutoff?
    /// That post's cutoff.
    public let cutoff: Cutoff?
    public let breakdown: [Contribution]
    public let admittedBy: [AdmissionRule]
    public let rankedAbove: [RankedAbove]

    /// Reads version 2; nil for anything else (version 1 rows, written before migration
    /// 0016, carry prose and have their own reader). The writer is ours and tested to
    /// round-trip, so a malformed value is a stored-data defect, not user input.
    public init?(json: String) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any],
              (object["v"] as? Int) == OfferExplanation.version else { return nil }
        choice = object["choice"] as? Int
        policy = object["policy"] as? String
        score = object["score"].flatMap(Self.cutoff)
        cutoff = object["cutoff"].flatMap(Self.cutoff)
        let parts = object["breakdown"] as? [String: [Double]] ?? [:]
        breakdown = parts.keys.sorted().compactMap { key in
            guard let feature = ScoringFeature(rawValue: key), let values = parts[key], values.count == 3 else { return nil }
            return Contribution(feature: feature, raw: values[0], weight: values[1], contribution: values[2])
        }
        admittedBy = (object["admittedBy"] as? [[Any]] ?? []).compactMap(Self.admissionRule)
        rankedAbove = (object["rankedAbove"] as? [[Any]] ?? []).compactMap(Self.rankedAbove)
    }

    private static func cutoff(_ value: Any) -> Cutoff? {
        if let text = value as? String, text == "open" { return .open }
        if let object = value as? [String: Any], let rank = object["rank"] as? Int { return .rank(rank) }
        if let number = value as? NSNumber { return .score(number.doubleValue) }
        return nil
    }

    private static func rankedAbove(_ entry: [Any]) -> RankedAbove? {
        guard entry.count >= 2, let id = (entry[0] as? NSNumber)?.int64Value, let code = entry[1] as? String else { return nil }
        let reason: RejectionReason
        var policy: String?
        switch code {
        case "full":
            guard entry.count == 4 || entry.count == 5, let bar = cutoff(entry[2]), let yours = cutoff(entry[3]) else { return nil }
            reason = .full(cutoff: bar, yours: yours)
            policy = entry.count == 5 ? entry[4] as? String : nil
        case "region-cap":
            guard entry.count == 3, let region = (entry[2] as? String).flatMap({ RegionCode($0) }) else { return nil }
            reason = .regionCapReached(region: region)
        case "not-eligible":
            guard entry.count == 3, let rules = entry[2] as? [[Any]] else { return nil }
            reason = .notEligible(reasons: rules.compactMap(ineligibility))
        default:
            reason = .notAdmitted
        }
        return RankedAbove(vacancyID: id, reason: reason, policy: policy)
    }

    private static func ineligibility(_ rule: [Any]) -> IneligibilityReason? {
        guard let code = rule.first as? String else { return nil }
        let values = Array(rule.dropFirst())
        switch code {
        case "specialty":
            return .specialtyMismatch(required: values.compactMap { ($0 as? [String]).flatMap(requirement) })
        case "education":
            guard values.count == 2, let required = (values[0] as? String).flatMap(EducationLevel.init(rawValue:)),
                  let actual = (values[1] as? String).flatMap(EducationLevel.init(rawValue:)) else { return nil }
            return .educationBelowMinimum(required: required, actual: actual)
        case "title":
            guard values.count == 2, let required = (values[0] as? String).flatMap(ProfessionalTitle.init(rawValue:)),
                  let actual = (values[1] as? String).flatMap(ProfessionalTitle.init(rawValue:)) else { return nil }
            return .titleBelowMinimum(required: required, actual: actual)
        case "experience":
            guard values.count == 2, let required = values[0] as? Int, let actual = values[1] as? Int else { return nil }
            return .experienceBelowMinimum(required: required, actual: actual)
        case "introduction-mode":
            guard values.count == 2, let vacancy = values[0] as? [String], let candidate = values[1] as? [String] else { return nil }
            return .noCommonIntroductionMode(vacancy: modes(vacancy), candidate: modes(candidate))
        case "household-registration":
            guard values.count == 3 || values.count == 4, let rule = householdRule(values, kindAt: 3) else { return nil }
            return .householdRegistration(rule: rule, actual: (values[2] as? String).flatMap { RegionCode($0) })
        default:
            return nil
        }
    }

    private static func admissionRule(_ rule: [Any]) -> AdmissionRule? {
        guard let code = rule.first as? String else { return nil }
        let values = Array(rule.dropFirst())
        switch (code, values.count) {
        case ("specialty", 0): return .noSpecialtyRequirement
        case ("specialty", 1): return (values[0] as? String).flatMap { SpecialtyFit(code: $0) }.map(AdmissionRule.specialtyFit)
        case ("education", 2):
            guard let actual = (values[0] as? String).flatMap(EducationLevel.init(rawValue:)),
                  let minimum = (values[1] as? String).flatMap(EducationLevel.init(rawValue:)) else { return nil }
            return .education(actual: actual, minimum: minimum)
        case ("title", 2):
            guard let actual = (values[0] as? String).flatMap(ProfessionalTitle.init(rawValue:)),
                  let minimum = (values[1] as? String).flatMap(ProfessionalTitle.init(rawValue:)) else { return nil }
            return .title(actual: actual, minimum: minimum)
        case ("experience", 2):
            guard let actual = values[0] as? Int, let required = values[1] as? Int else { return nil }
            return .experience(actual: actual, required: required)
        case ("modes", 1):
            return (values[0] as? [String]).map { .commonModes($0.compactMap(IntroductionMode.init(rawValue:))) }
        case ("household-registration", 2), ("household-registration", 3):
            return householdRule(values, kindAt: 2).map(AdmissionRule.householdRegistration)
        default:
            return nil
        }
    }

    /// `[region, basis, …]` with the kind at `kindAt` when present (`within` otherwise).
    private static func householdRule(_ values: [Any], kindAt index: Int) -> HouseholdRegistrationRule? {
        guard let region = (values[0] as? String).flatMap({ RegionCode($0) }), let basis = values[1] as? String else { return nil }
        let kind = values.count > index ? (values[index] as? String).flatMap(HouseholdRegistrationRule.Kind.init(rawValue:)) : .within
        guard let kind else { return nil }
        return try? HouseholdRegistrationRule(region: region, legalBasis: basis, kind: kind)
    }

    private static func requirement(_ parts: [String]) -> SpecialtyRequirement? {
        guard let code = parts.first.flatMap({ SpecialtyCode($0) }) else { return nil }
        let fits = Set(parts.dropFirst().compactMap { SpecialtyFit(code: $0) })
        return fits.isEmpty ? nil : SpecialtyRequirement(code: code, accepted: fits)
    }

    private static func modes(_ codes: [String]) -> Set<IntroductionMode> {
        Set(codes.compactMap(IntroductionMode.init(rawValue:)))
    }
}
