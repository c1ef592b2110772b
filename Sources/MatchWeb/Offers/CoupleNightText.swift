import Foundation
import MatchCore
import MatchStore

/// Why each pair a couple ranked above the one they got was not possible, in the reader's
/// language, for both partners' posts (issue 17). The verdicts are the single night's (ADR
/// 0037), worded in the third person because one side is the partner's.
struct CoupleNightText {
    let night: NightText
    let reasons: ReasonText
    let renderer: PageRenderer
    let context: GatewayRequestContext

    private func t(_ key: String, _ arguments: [String: String] = [:]) -> String {
        renderer.text(key, context, arguments)
    }

    /// Template data for `couple`.
    func data(_ couple: CoupleNight) -> [String: Any] {
        [
            "heading": t("couple_higher_heading", ["date": couple.night]),
            "got": t("couple_higher_got", ["rank": String(couple.gotRank)]),
            "has_pairs": !couple.higherPairs.isEmpty,
            "pairs": couple.higherPairs.map { pair -> [String: Any] in
                [
                    "label": t("couple_higher_pair", ["rank": String(pair.rank)]),
                    "slots": [slot(pair.first, other: pair.second), slot(pair.second, other: pair.first)],
                ]
            },
        ]
    }

    private func slot(_ slot: CoupleNight.Slot, other: CoupleNight.Slot) -> [String: Any] {
        guard let post = slot.post else {
            return ["name": slot.name, "unplaced": true, "why": t("couple_verdict_unplaced", ["name": slot.name])]
        }
        var row: [String: Any] = [
            "name": slot.name, "vacancy": post.vacancyID, "title": post.title,
            "cutoff": post.cutoff.map(night.standing) ?? t("cutoff_not_in_night"),
            "why": verdict(post.verdict, name: slot.name, otherFailed: other.post.map { Self.fails($0.verdict) } ?? false),
        ]
        if let breakdown = post.breakdown { row["score"] = String(format: "%.2f", breakdown.score) }
        return row
    }

    /// A verdict that alone makes the pair impossible (the rest leave the seat within reach).
    static func fails(_ verdict: CandidateNight.Verdict) -> Bool {
        switch verdict {
        case .notEligible, .belowCutoff, .lostOnLottery, .declinedBefore, .notInNight: true
        case .offered, .gotHigherChoice, .capReached: false
        }
    }

    private func verdict(_ verdict: CandidateNight.Verdict, name: String, otherFailed: Bool) -> String {
        let who = ["name": name]
        switch verdict {
        case .offered, .gotHigherChoice, .capReached:
            return t(otherFailed ? "couple_verdict_other_post" : "couple_verdict_cap", who)
        case .notEligible(let rules):
            return t("couple_verdict_not_eligible", who.merging(["rules": rules.map(reasons.ineligibility).joined(separator: t("rule_separator"))]) { $1 })
        case .belowCutoff(let by): return t("couple_verdict_below", who.merging(["by": String(format: "%.2f", by)]) { $1 })
        case .lostOnLottery: return t("couple_verdict_lottery", who)
        case .declinedBefore: return t("couple_verdict_declined", who)
        case .notInNight: return t("verdict_not_in_night")
        }
    }
}
