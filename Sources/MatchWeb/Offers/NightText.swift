import Foundation
import MatchCore
import MatchStore

/// One of a candidate's nights in the reader's language (ADR 0037): for every post they ranked,
/// their score and its breakdown under that post's office's policy, the post's cutoff, and
/// what decided it.
struct NightText {
    let reasons: ReasonText
    let renderer: PageRenderer
    let context: GatewayRequestContext

    private func t(_ key: String, _ arguments: [String: String] = [:]) -> String {
        renderer.text(key, context, arguments)
    }

    /// Template data for `night`.
    func rows(_ night: CandidateNight) -> [String: Any] {
        [
            "heading": t("night_heading", ["date": night.night]),
            "profile_changed": night.profileFromNight && night.profileChangedSince,
            "profile_not_kept": !night.profileFromNight,
            "posts_not_kept": !night.postsFromNight,
            "posts": night.posts.map(row),
        ]
    }

    private func row(_ post: CandidateNight.Post) -> [String: Any] {
        var row: [String: Any] = [
            "vacancy": post.vacancyID, "title": post.title, "choice": t("night_choice", ["rank": String(post.rank)]),
            "why": verdict(post.verdict), "offered": post.verdict == .offered,
            "cutoff": post.cutoff.map(standing) ?? t("cutoff_not_in_night"), "has_breakdown": false,
        ]
        if let breakdown = post.breakdown {
            row["score"] = String(format: "%.2f", breakdown.score)
            row["policy"] = breakdown.policyVersion
            row["has_breakdown"] = !breakdown.contributions.isEmpty
            row["breakdown"] = breakdown.contributions.map { part -> [String: String] in
                [
                    "feature": t(ReasonText.featureKey(part.feature.rawValue)),
                    "raw": String(format: "%.2f", part.raw), "weight": String(format: "%.2f", part.weight),
                    "contribution": String(format: "%.2f", part.contribution),
                ]
            }
        }
        return row
    }

    private func verdict(_ verdict: CandidateNight.Verdict) -> String {
        switch verdict {
        case .offered: t("verdict_offered")
        case .gotHigherChoice(let rank): t("verdict_higher", ["rank": String(rank)])
        case .notEligible(let rules): t("why_not_eligible", ["rules": rules.map(reasons.ineligibility).joined(separator: t("rule_separator"))])
        case .belowCutoff(let by): t("verdict_below", ["by": String(format: "%.2f", by)])
        case .lostOnLottery: t("verdict_lottery")
        case .capReached: t("verdict_cap")
        case .declinedBefore: t("verdict_declined")
        case .notInNight: t("verdict_not_in_night")
        }
    }

    func standing(_ value: Cutoff) -> String {
        switch value {
        case .open: t("cutoff_open")
        case .score(let score): String(format: "%.2f", score)
        case .rank(let position): "#\(position)"
        }
    }
}
