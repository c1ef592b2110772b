import MatchCore

/// A policy version as an office writes it, before it is validated and stored.
///
/// A version is complete in itself (ADR 0045): whatever the draft does not give takes the
/// standard value, never the previous version's. Weights not given are `Policy.standard`'s,
/// the experience cap 10 years, offers open 7 days, and there are only the caps and floors
/// the draft lists. The CLI and the API both build drafts here, so they share the rule.
public struct PolicyDraft: Sendable {
    /// A cap (attractive region) or floor (underserved region) on every vacancy under `region`.
    public struct RegionSetting: Sendable, Equatable {
        public var region: RegionCode
        public var cap: Int?
        public var floor: Int?
        public var reason: String

        public init(region: RegionCode, cap: Int? = nil, floor: Int? = nil, reason: String = "") {
            self.region = region
            self.cap = cap
            self.floor = floor
            self.reason = reason
        }
    }

    public var weights: [ScoringFeature: Double]
    public var experienceCap: Int
    public var nativePlaceReason: String?
    public var regions: [RegionSetting]
    public var offerDays: Int
    public var note: String

    public static let standardExperienceCap = 10
    public static let standardOfferDays = 7
    /// What the schema allows (Schema 0007), checked here first so that both doors say it.
    public static let offerDaysRange = 1...60
    public static let experienceCapRange = 1...40
    public static let weightRange = 0.0...1000.0

    /// - Parameter weights: the weights given; every feature left out keeps its standard weight.
    public init(
        weights given: [ScoringFeature: Double] = [:], experienceCap: Int = standardExperienceCap,
        nativePlaceReason: String? = nil, regions: [RegionSetting] = [], offerDays: Int = standardOfferDays, note: String = ""
    ) {
        self.weights = Policy.standard.weights.merging(given) { _, given in given }
        self.experienceCap = experienceCap
        self.nativePlaceReason = nativePlaceReason
        self.regions = regions
        self.offerDays = offerDays
        self.note = note
    }

    /// Checks the draft as the engine will use it; the first problem is thrown.
    public func validated(version: Int) throws(PolicyDraftError) -> Policy {
        guard Self.offerDaysRange.contains(offerDays) else { throw .invalid(field: "offerDays", problem: "must be 1 to 60 days, got \(offerDays)") }
        guard Self.experienceCapRange.contains(experienceCap) else {
            throw .invalid(field: "experienceCap", problem: "must be 1 to 40 years, got \(experienceCap)")
        }
        for feature in ScoringFeature.allCases {
            let weight = weights[feature] ?? 0
            guard weight.isFinite, Self.weightRange.contains(weight) else {
                throw .invalid(field: "weights/\(feature.rawValue)", problem: "must be a number from 0 to 1000, got \(weight)")
            }
        }
        if (weights[.nativePlace] ?? 0) > 0, !(nativePlaceReason ?? "").contains(where: { !$0.isWhitespace }) {
            throw .invalid(field: "nativePlaceReason", problem: "a positive native-place weight needs the office's reason, which candidates see")
        }
        var seen = Set<RegionCode>()
        for (index, setting) in regions.enumerated() {
            let field = "regions/\(index)"
            guard setting.region.level != .township else { throw .invalid(field: field, problem: "caps and floors apply to provinces, prefectures or counties") }
            guard seen.insert(setting.region).inserted else { throw .invalid(field: field, problem: "region \(setting.region) appears twice") }
            guard setting.cap != nil || setting.floor != nil else { throw .invalid(field: field, problem: "give a cap, a floor or both") }
            guard (setting.cap ?? 0) >= 0, (setting.floor ?? 0) >= 0 else { throw .invalid(field: field, problem: "caps and floors are not negative") }
            if let cap = setting.cap, let floor = setting.floor, floor > cap {
                throw .invalid(field: field, problem: "floor \(floor) is above cap \(cap)")
            }
        }
        do {
            return try Policy(version: "v\(version)", weights: weights, experienceCap: experienceCap, nativePlaceReason: nativePlaceReason)
        } catch {
            throw .invalid(field: "weights", problem: "\(error)")
        }
    }
}

/// Why a policy draft was refused.
public enum PolicyDraftError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(field: String, problem: String)
    case unknownOffice(String)
    /// A cap or floor on a region that does not exist, or lies outside the office's region.
    /// `index` is the setting's place in the draft's `regions`.
    case regionRefused(index: Int, region: RegionCode, problem: String)

    public var description: String {
        switch self {
        case .invalid(let field, let problem): "policy \(field): \(problem)"
        case .unknownOffice(let code): "no office with code '\(code)'"
        case .regionRefused(let index, _, let problem): "policy regions/\(index)/region: \(problem)"
        }
    }
}
