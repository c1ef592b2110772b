import Foundation
import MatchCore
import MatchStore

/// Engine results in the reader's language: why a rule fails, and the stored explanation of
/// an offer (score breakdown, and for each post ranked higher, why not).
struct ReasonText {
    let renderer: PageRenderer
    let context: GatewayRequestContext
    /// Specialty names by code, so that a refusal names the specialty, not only its code.
    var specialtyNames: [String: String] = [:]

    private func t(_ key: String, _ arguments: [String: String] = [:]) -> String {
        renderer.text(key, context, arguments)
    }

    func ineligibility(_ reason: IneligibilityReason) -> String {
        switch reason {
        case .specialtyMismatch(let required):
            return t("reason_specialty", ["required": renderer.list(required.map { specialty(String(describing: $0.code)) }, context)])
        case .educationBelowMinimum(let required, let actual):
            return t("reason_education", ["required": t(EducationCode(required).catalogueKey), "actual": t(EducationCode(actual).catalogueKey)])
        case .titleBelowMinimum(let required, let actual):
            return t("reason_title", ["required": t(TitleCode(required).catalogueKey), "actual": t(TitleCode(actual).catalogueKey)])
        case .experienceBelowMinimum(let required, let actual):
            return t("reason_experience", ["required": String(required), "actual": String(actual)])
        case .noCommonIntroductionMode(let vacancy, let candidate):
            return t("reason_modes", ["post": modes(vacancy), "yours": modes(candidate)])
        case .householdRegistration(let rule, let actual):
            let key = (rule.kind == .within ? "reason_hukou" : "reason_hukou_outside") + (actual == nil ? "_missing" : "")
            return t(key, ["region": rule.region.digits, "basis": rule.legalBasis, "actual": actual?.digits ?? ""])
        }
    }

    private func modes(_ modes: Set<IntroductionMode>) -> String {
        renderer.list(IntroductionModeCode.allCases.filter { modes.contains($0.mode) }.map { t($0.catalogueKey) }, context)
    }

    /// "农业水利工程 (082802)", or the code alone when its name is not known here.
    private func specialty(_ code: String) -> String {
        guard let name = specialtyNames[code] else { return code }
        return t("specialty_named", ["name": name, "code": code])
    }

    /// The names of the specialties that `reasons` name, by code.
    static func specialtyNames(for reasons: [IneligibilityReason], lookup: ReferenceLookup) async throws -> [String: String] {
        let codes = reasons.flatMap { reason -> [String] in
            guard case .specialtyMismatch(let required) = reason else { return [] }
            return required.map { String(describing: $0.code) }
        }
        guard !codes.isEmpty else { return [:] }
        return Dictionary(try await lookup.specialties(codes: codes).map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// The catalogue key of a scoring feature, named as the engine names it (`specialty-fit`).
    static func featureKey(_ feature: String) -> String {
        "feature_" + feature.replacingOccurrences(of: "-", with: "_")
    }

    /// The explanation stored with an offer as template rows: version 2 (codes, worded here
    /// in the reader's language), or version 1 (prose, from before migration 0016).
    func explanation(json: String, titles: [String: String]) -> [String: Any] {
        if let stored = StoredOfferExplanation(json: json) { return explanation(stored, titles: titles) }
        return legacyExplanation(json: json, titles: titles)
    }

    func explanation(_ stored: StoredOfferExplanation, titles: [String: String]) -> [String: Any] {
        var result: [String: Any] = [:]
        if let score = stored.score { result["score"] = standing(score) }
        if let cutoff = stored.cutoff { result["cutoff"] = standing(cutoff) }
        result["breakdown"] = stored.breakdown.map { part -> [String: String] in
            [
                "feature": t(Self.featureKey(part.feature.rawValue)),
                "raw": String(format: "%.2f", part.raw), "weight": String(format: "%.2f", part.weight),
                "contribution": String(format: "%.2f", part.contribution),
            ]
        }
        result["has_breakdown"] = !stored.breakdown.isEmpty
        result["ranked_above"] = stored.rankedAbove.map { above -> [String: String] in
            let key = "v\(above.vacancyID)"
            var why = rejection(above.reason)
            if let policy = above.policy { why += t("why_scored_by", ["policy": policy]) }
            return ["title": titles[key] ?? key, "why": why]
        }
        result["has_ranked_above"] = !stored.rankedAbove.isEmpty
        if let policy = stored.policy { result["policy"] = policy }
        // Posts ranked higher that were not in that night's match (closed, or their seats held).
        let notTonight = max(0, (stored.choice ?? 1) - 1 - stored.rankedAbove.count)
        if notTonight > 0 { result["not_tonight"] = t("offer_above_not_in_match", ["count": String(notTonight)]) }
        result["first_choice"] = stored.rankedAbove.isEmpty && notTonight == 0
        return result
    }

    private func rejection(_ reason: RejectionReason) -> String {
        switch reason {
        case .full(let cutoff, let yours): t("why_full", ["cutoff": standing(cutoff), "yours": standing(yours)])
        case .regionCapReached(let region): t("why_region_cap", ["region": region.digits])
        case .notEligible(let reasons) where reasons.isEmpty: t("why_not_listed")
        case .notEligible(let reasons): t("why_not_eligible", ["rules": reasons.map(ineligibility).joined(separator: t("rule_separator"))])
        case .notAdmitted: t("why_not_admitted")
        }
    }

    /// A score with two decimals, a rank as "#n", free seats as the catalogue's "open".
    private func standing(_ value: Cutoff) -> String {
        switch value {
        case .open: t("cutoff_open")
        case .score(let score): String(format: "%.2f", score)
        case .rank(let position): "#\(position)"
        }
    }

    private func legacyExplanation(json: String, titles: [String: String]) -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return [:] }
        var result: [String: Any] = [:]
        if let score = object["score"] as? Double { result["score"] = String(format: "%.2f", score) }
        if let cutoff = object["cutoff"] as? String { result["cutoff"] = cutoff }
        if let breakdown = object["breakdown"] as? [String: [Double]] {
            result["breakdown"] = breakdown.keys.sorted().map { feature -> [String: String] in
                let parts = breakdown[feature] ?? []
                return [
                    "feature": t(Self.featureKey(feature)),
                    "raw": parts.count > 0 ? String(format: "%.2f", parts[0]) : "",
                    "weight": parts.count > 1 ? String(format: "%.2f", parts[1]) : "",
                    "contribution": parts.count > 2 ? String(format: "%.2f", parts[2]) : "",
                ]
            }
        }
        result["has_breakdown"] = !((result["breakdown"] as? [Any])?.isEmpty ?? true)
        result["ranked_above"] = ((object["rankedAbove"] as? [[String: Any]]) ?? []).map { above -> [String: String] in
            let vacancy = above["vacancy"] as? String ?? ""
            return ["title": titles[vacancy] ?? vacancy, "why": rankedAbove(above)]
        }
        result["has_ranked_above"] = !((result["ranked_above"] as? [Any])?.isEmpty ?? true)
        result["first_choice"] = !(result["has_ranked_above"] as? Bool ?? false)
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
