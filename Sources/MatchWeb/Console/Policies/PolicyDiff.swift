import MatchCore
import MatchStore

/// What changed between two policy versions, setting by setting: each weight, the experience
/// cap, the native-place reason, the offer days, the note, and each region's cap, floor and
/// reason. Only settings that differ are listed; the label is a catalogue key and an argument.
struct PolicyDiff {
    struct Change: Equatable {
        /// The catalogue key of the setting's name, and the region it concerns (if any).
        let labelKey: String
        let region: String?
        let from: String
        let to: String
    }

    let changes: [Change]

    init(from old: PolicyRecord, to new: PolicyRecord) {
        var changes: [Change] = []
        func compare(_ key: String, _ region: String? = nil, _ from: String, _ to: String) {
            if from != to { changes.append(Change(labelKey: key, region: region, from: from, to: to)) }
        }
        for feature in ScoringFeature.allCases {
            compare(Self.featureKey(feature), nil, Self.number(old.weights[feature] ?? 0), Self.number(new.weights[feature] ?? 0))
        }
        compare("console_policy_native_place_reason", nil, old.nativePlaceReason ?? "", new.nativePlaceReason ?? "")
        compare("console_policy_experience_cap", nil, "\(old.experienceCap)", "\(new.experienceCap)")
        compare("console_policy_offer_days", nil, "\(old.offerDays)", "\(new.offerDays)")
        compare("console_policy_note", nil, old.note, new.note)
        let before = Dictionary(uniqueKeysWithValues: old.regions.map { ($0.region.digits, $0) })
        let after = Dictionary(uniqueKeysWithValues: new.regions.map { ($0.region.digits, $0) })
        for region in Set(before.keys).union(after.keys).sorted() {
            let a = before[region], b = after[region]
            compare("console_policy_cap", region, a?.cap.map(String.init) ?? "", b?.cap.map(String.init) ?? "")
            compare("console_policy_floor", region, a?.floor.map(String.init) ?? "", b?.floor.map(String.init) ?? "")
            compare("console_policy_region_reason", region, a?.reason ?? "", b?.reason ?? "")
        }
        self.changes = changes
    }

    static func featureKey(_ feature: ScoringFeature) -> String {
        "feature_" + feature.rawValue.replacingOccurrences(of: "-", with: "_")
    }

    /// A weight as people write it: `2`, not `2.0`; `0.25` as is.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
