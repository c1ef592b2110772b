import MatchCore
import MatchStore

/// Between the contract's policy documents and the store's `PolicyDraft`. Every field
/// problem is collected, so an office fixes a draft in one pass.
enum PolicyMapping {
    static func draft(from input: Components.Schemas.PolicyInput, pointer base: String = "") throws -> PolicyDraft {
        var errors: [Problem.FieldError] = []
        var weights: [ScoringFeature: Double] = [:]
        for (feature, value) in pairs(input.weights) {
            guard let value else { continue }
            guard value.isFinite, (0...1000).contains(value) else {
                errors.append(.init(pointer: "\(base)/weights/\(feature.rawValue)", detail: "must be a number from 0 to 1000"))
                continue
            }
            weights[feature] = value
        }
        let cap = input.experienceCap ?? 10
        if !(1...40).contains(cap) { errors.append(.init(pointer: "\(base)/experienceCap", detail: "must be 1 to 40 years")) }
        let days = input.offerDays ?? 7
        if !(1...60).contains(days) { errors.append(.init(pointer: "\(base)/offerDays", detail: "must be 1 to 60 days")) }
        if (input.note ?? "").count > 2000 { errors.append(.init(pointer: "\(base)/note", detail: "at most 2000 characters")) }
        if (input.nativePlaceReason ?? "").count > 500 {
            errors.append(.init(pointer: "\(base)/nativePlaceReason", detail: "at most 500 characters"))
        }
        var regions: [PolicyDraft.RegionSetting] = []
        for (index, setting) in (input.regions ?? []).enumerated() {
            let pointer = "\(base)/regions/\(index)"
            guard setting.region.wholeMatch(of: /[0-9]{2}([0-9]{2}){0,2}/) != nil, let code = RegionCode(setting.region) else {
                errors.append(.init(pointer: pointer + "/region", detail: "a region code or its prefix: 51, 5119 or 511921"))
                continue
            }
            for (name, value) in [("cap", setting.cap), ("floor", setting.floor)] where !(0...1_000_000).contains(value ?? 0) {
                errors.append(.init(pointer: "\(pointer)/\(name)", detail: "must be 0 to 1000000"))
            }
            if (setting.reason ?? "").count > 500 { errors.append(.init(pointer: pointer + "/reason", detail: "at most 500 characters")) }
            regions.append(.init(region: code, cap: setting.cap, floor: setting.floor, reason: setting.reason ?? ""))
        }
        guard errors.isEmpty else {
            throw Problem(.validation, "the policy has \(errors.count) invalid field(s); see errors", errors: errors)
        }
        let draft = PolicyDraft(weights: weights, experienceCap: cap, nativePlaceReason: input.nativePlaceReason,
                                regions: regions, offerDays: days, note: input.note ?? "")
        do {
            _ = try draft.validated(version: 1)
        } catch .invalid(let field, let message) {
            throw Problem.invalid("\(base)/\(field)", message)
        } catch {
            throw Problem(.validation, "\(error)")
        }
        return draft
    }

    static func document(office: String, version: NightlySnapshot.PolicyVersion) -> Components.Schemas.PolicyVersion {
        let policy = version.policy
        let weights = Components.Schemas.Weights(
            specialtyFit: policy.weight(.specialtyFit), educationAboveMinimum: policy.weight(.educationAboveMinimum),
            titleAboveMinimum: policy.weight(.titleAboveMinimum), experience: policy.weight(.experience),
            nativePlace: policy.weight(.nativePlace), programmeBackground: policy.weight(.programmeBackground),
            hardshipWillingness: policy.weight(.hardshipWillingness)
        )
        return .init(
            office: office, version: version.version, weights: weights, experienceCap: policy.experienceCap,
            nativePlaceReason: policy.nativePlaceReason,
            regions: version.regions.map { .init(region: $0.code.digits, cap: $0.cap, floor: $0.floor) },
            offerDays: version.offerDays
        )
    }

    private static func pairs(_ weights: Components.Schemas.Weights) -> [(ScoringFeature, Double?)] {
        [(.specialtyFit, weights.specialtyFit), (.educationAboveMinimum, weights.educationAboveMinimum),
         (.titleAboveMinimum, weights.titleAboveMinimum), (.experience, weights.experience),
         (.nativePlace, weights.nativePlace), (.programmeBackground, weights.programmeBackground),
         (.hardshipWillingness, weights.hardshipWillingness)]
    }
}
