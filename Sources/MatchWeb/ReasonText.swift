import Foundation
import MatchCore

/// Engine results in the reader's language: why a rule fails, and the stored explanation of
/// an offer (score breakdown, and for each post ranked higher, why not).
struct ReasonText {
    let renderer: PageRenderer
    let context: GatewayRequestContext

    private func t(_ key: String, _ arguments: [String: String] = [:]) -> String {
        renderer.text(key, context, arguments)
    }

    func ineligibility(_ reason: IneligibilityReason) -> String {
        switch reason {
        case .specialtyMismatch(let required):
            return t("reason_specialty", ["required": required.map { "\($0.code)" }.joined(separator: ", ")])
        case .educationBelowMinimum(let required, let actual):
            return t("reason_education", ["required": t("education_\(Self.code(required))"), "actual": t("education_\(Self.code(actual))")])
        case .titleBelowMinimum(let required, let actual):
            return t("reason_title", ["required": t("title_\(Self.code(required))"), "actual": t("title_\(Self.code(actual))")])
        case .experienceBelowMinimum(let required, let actual):
            return t("reason_experience", ["required": String(required), "actual": String(actual)])
        case .noCommonIntroductionMode(let vacancy, let candidate):
            return t("reason_modes", ["post": modes(vacancy), "yours": modes(candidate)])
        case .householdRegistration(let rule, let actual):
            return t(actual == nil ? "reason_hukou_missing" : "reason_hukou",
                     ["region": rule.region.digits, "basis": rule.legalBasis, "actual": actual?.digits ?? ""])
        }
    }

    private func modes(_ modes: Set<IntroductionMode>) -> String {
        Vocabulary.modes.filter { code in modes.contains { Self.code($0) == code } }.map { t("mode_\($0)") }.joined(separator: "、")
    }

    static func code(_ level: EducationLevel) -> String {
        switch level {
        case .juniorMiddle: "junior_secondary"
        case .seniorHigh: "senior_secondary"
        case .juniorCollege: "associate"
        case .bachelor: "bachelor"
        case .master: "master"
        case .doctorate: "doctorate"
        }
    }

    static func code(_ title: ProfessionalTitle) -> String {
        switch title {
        case .none: "none"
        case .junior: "junior"
        case .intermediate: "intermediate"
        case .associateSenior: "associate_senior"
        case .senior: "senior"
        }
    }

    static func code(_ mode: IntroductionMode) -> String {
        mode.rawValue.replacingOccurrences(of: "-", with: "_")
    }

    /// The explanation stored with an offer (see MatchStore's OfferExplanation) as template rows.
    func explanation(json: String, titles: [String: String]) -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return [:] }
        var result: [String: Any] = [:]
        if let score = object["score"] as? Double { result["score"] = String(format: "%.2f", score) }
        if let cutoff = object["cutoff"] as? String { result["cutoff"] = cutoff }
        if let breakdown = object["breakdown"] as? [String: [Double]] {
            result["breakdown"] = breakdown.keys.sorted().map { feature -> [String: String] in
                let parts = breakdown[feature] ?? []
                return [
                    "feature": t("feature_\(feature.replacingOccurrences(of: "-", with: "_"))"),
                    "raw": parts.count > 0 ? String(format: "%.2f", parts[0]) : "",
                    "weight": parts.count > 1 ? String(format: "%.2f", parts[1]) : "",
                    "contribution": parts.count > 2 ? String(format: "%.2f", parts[2]) : "",
                ]
            }
        }
        result["has_breakdown"] = !((result["breakdown"] as? [Any])?.isEmpty ?? true)
        result["admitted_by"] = (object["admittedBy"] as? [String]) ?? []
        result["ranked_above"] = ((object["rankedAbove"] as? [[String: Any]]) ?? []).map { above -> [String: String] in
            let vacancy = above["vacancy"] as? String ?? ""
            return ["title": titles[vacancy] ?? vacancy, "why": rankedAbove(above)]
        }
        result["has_ranked_above"] = !((result["ranked_above"] as? [Any])?.isEmpty ?? true)
        return result
    }

    private func rankedAbove(_ above: [String: Any]) -> String {
        switch above["reason"] as? String {
        case "full": t("why_full", ["cutoff": above["cutoff"] as? String ?? "?", "yours": above["yours"] as? String ?? "?"])
        case "region-cap": t("why_region_cap", ["region": above["region"] as? String ?? "?"])
        case "not-eligible": t("why_not_eligible", ["rules": ((above["rules"] as? [String]) ?? []).joined(separator: "; ")])
        default: t("why_not_admitted")
        }
    }
}
