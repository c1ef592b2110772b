import Foundation
import MatchCore

/// A night's explanation as the candidate's data export carries it (PIPL Art. 45): plain JSON
/// values with codes, so a reader can check every verdict against the numbers.
extension CandidateNight {
    var exportValue: [String: Any] {
        [
            "run_id": runID, "night": night, "profile_changed_since": profileChangedSince,
            // What each part is read as of (ADR 0038, 0050, 0051): the profile and the posts'
            // requirements are that night's versions when kept ("recorded_later" otherwise).
            "read_as_of": ["cutoffs": "night", "ranking": "night", "policy": "night",
                           "profile": profileFromNight ? "night" : "recorded_later",
                           "posts": postsFromNight ? "night" : "recorded_later"],
            "posts": posts.map(\.exportValue),
        ]
    }
}

extension CandidateNight.Post {
    var exportValue: [String: Any] {
        var value: [String: Any] = [
            "vacancy_id": vacancyID, "title": title, "rank": rank,
            "cutoff": cutoff.map(Self.export) ?? NSNull(), "verdict": verdict.exportValue,
            "requirements_as_of": requirementsFromNight ? "night" : "recorded_later",
        ]
        if let breakdown {
            value["score"] = breakdown.score
            value["policy"] = breakdown.policyVersion
            value["breakdown"] = breakdown.contributions.map {
                ["feature": $0.feature.rawValue, "raw": $0.roundedRaw, "weight": $0.weight, "contribution": $0.contribution] as [String: Any]
            }
        }
        return value
    }

    private static func export(_ cutoff: Cutoff) -> [String: Any] {
        switch cutoff {
        case .open: ["kind": "seats_left"]
        case .score(let score): ["kind": "score", "value": score]
        case .rank(let position): ["kind": "rank", "value": position]
        }
    }
}

extension CandidateNight.Verdict {
    var exportValue: [String: Any] {
        switch self {
        case .offered: ["code": "offered"]
        case .gotHigherChoice(let rank): ["code": "got_higher_choice", "rank": rank]
        case .notEligible(let reasons): ["code": "not_eligible", "rules": reasons.map { ["code": $0.code, "detail": $0.description] }]
        case .belowCutoff(let by): ["code": "below_cutoff", "by": by]
        case .lostOnLottery: ["code": "lost_on_lottery"]
        case .capReached: ["code": "cap_reached"]
        case .declinedBefore: ["code": "declined_before"]
        case .notInNight: ["code": "not_in_night"]
        }
    }
}
