import MatchCore
import MatchStore

/// The policy editor's fields read as a `PolicyDraft`: a weight per scoring feature, the
/// native-place reason, the experience cap, offer days, the version's note, and rows of caps
/// and floors, each with its reason. Problems are keyed by form field, so each sits beside its
/// field; the draft's own validation (`PolicyDraft.validated`) and the store's region check are
/// mapped back to the field that caused them (`field(for:)`, `field(forRegion:)`).
struct ConsolePolicyForm {
    /// A blank row or two beyond the current caps and floors, for new ones.
    static let spareRows = 2
    static let maxRows = 60

    var values: [String: String]
    var rows: Int

    static func weightField(_ feature: ScoringFeature) -> String { "weight_" + feature.rawValue }

    /// The editor filled with a version's settings (the starting point of the next one).
    init(_ draft: PolicyDraft) {
        var values: [String: String] = [:]
        for feature in ScoringFeature.allCases { values[Self.weightField(feature)] = PolicyDiff.number(draft.weights[feature] ?? 0) }
        values["native_place_reason"] = draft.nativePlaceReason ?? ""
        values["experience_cap"] = "\(draft.experienceCap)"
        values["offer_days"] = "\(draft.offerDays)"
        values["note"] = ""
        for (index, setting) in draft.regions.enumerated() {
            values["region_\(index)"] = setting.region.digits
            values["cap_\(index)"] = setting.cap.map(String.init) ?? ""
            values["floor_\(index)"] = setting.floor.map(String.init) ?? ""
            values["reason_\(index)"] = setting.reason
        }
        self.values = values
        self.rows = draft.regions.count + Self.spareRows
    }

    /// The editor as submitted.
    init(form: FormData) {
        rows = min(max(Int(form["rows"]) ?? 0, 0), Self.maxRows)
        var values: [String: String] = [:]
        var names = ScoringFeature.allCases.map(Self.weightField) + ["native_place_reason", "experience_cap", "offer_days", "note"]
        for row in 0..<rows { names += ["region_\(row)", "cap_\(row)", "floor_\(row)", "reason_\(row)"] }
        for name in names { values[name] = form[name].trimmingCharacters(in: .whitespaces) }
        self.values = values
    }

    /// The draft, and the fields that cannot be read (a word where a number belongs).
    /// `regionRows[i]` is the form row of the draft's `regions[i]` (blank rows are skipped).
    func read() -> (draft: PolicyDraft, unreadable: [String], regionRows: [Int]) {
        var unreadable: [String] = []
        var weights: [ScoringFeature: Double] = [:]
        for feature in ScoringFeature.allCases {
            let field = Self.weightField(feature)
            if let weight = Double(values[field] ?? ""), weight.isFinite { weights[feature] = weight } else { unreadable.append(field) }
        }
        func whole(_ field: String) -> Int? {
            guard let value = Int(values[field] ?? "") else { unreadable.append(field); return nil }
            return value
        }
        func optionalWhole(_ field: String) -> Int? {
            (values[field] ?? "").isEmpty ? nil : whole(field)
        }
        let cap = whole("experience_cap") ?? PolicyDraft.standardExperienceCap
        let days = whole("offer_days") ?? PolicyDraft.standardOfferDays
        var regions: [PolicyDraft.RegionSetting] = []
        var regionRows: [Int] = []
        for row in 0..<rows {
            let cells = ["region", "cap", "floor", "reason"].map { values["\($0)_\(row)"] ?? "" }
            guard cells.contains(where: { !$0.isEmpty }) else { continue }
            guard let region = RegionCode(cells[0]) else { unreadable.append("region_\(row)"); continue }
            regions.append(.init(region: region, cap: optionalWhole("cap_\(row)"), floor: optionalWhole("floor_\(row)"), reason: cells[3]))
            regionRows.append(row)
        }
        let reason = values["native_place_reason"] ?? ""
        let draft = PolicyDraft(weights: weights, experienceCap: cap, nativePlaceReason: reason.isEmpty ? nil : reason,
                                regions: regions, offerDays: days, note: values["note"] ?? "")
        return (draft, unreadable, regionRows)
    }

    /// The form field a validation error names (`weights/native-place` → `weight_native-place`).
    static func field(for problemField: String, regionRows: [Int]) -> String {
        switch problemField {
        case "offerDays": return "offer_days"
        case "experienceCap": return "experience_cap"
        case "nativePlaceReason": return "native_place_reason"
        case "weights": return weightField(.specialtyFit)
        default:
            if problemField.hasPrefix("weights/") { return "weight_" + problemField.dropFirst("weights/".count) }
            if problemField.hasPrefix("regions/"), let index = Int(problemField.dropFirst("regions/".count)) {
                return field(forRegion: index, regionRows: regionRows)
            }
            return "note"
        }
    }

    /// The field a draft's refusal sits beside; nil when the office itself is unknown.
    static func field(for error: PolicyDraftError, regionRows: [Int]) -> String? {
        switch error {
        case .invalid(let name, _): Self.field(for: name, regionRows: regionRows)
        case .regionRefused(let index, _, _): Self.field(forRegion: index, regionRows: regionRows)
        case .unknownOffice: nil
        }
    }

    static func field(forRegion index: Int, regionRows: [Int]) -> String {
        "region_\(index < regionRows.count ? regionRows[index] : 0)"
    }

    /// The catalogue key of the rule a field must meet.
    static func ruleKey(_ field: String) -> String {
        if field.hasPrefix("weight_") { return "console_policy_rule_weight" }
        if field.hasPrefix("region_") { return "console_policy_rule_region" }
        if field.hasPrefix("cap_") || field.hasPrefix("floor_") { return "console_policy_rule_limit" }
        return "console_policy_rule_" + field
    }
}
