import MatchCore

/// A policy version as an office writes it, before it is validated and stored.
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

    public init(
        weights: [ScoringFeature: Double] = Policy.standard.weights, experienceCap: Int = 10,
        nativePlaceReason: String? = nil, regions: [RegionSetting] = [], offerDays: Int = 7, note: String = ""
    ) {
        self.weights = weights
        self.experienceCap = experienceCap
        self.nativePlaceReason = nativePlaceReason
        self.regions = regions
        self.offerDays = offerDays
        self.note = note
    }

    /// Checks the draft as the engine will use it; the first problem is thrown.
    public func validated(version: Int) throws(PolicyDraftError) -> Policy {
        guard (1...60).contains(offerDays) else { throw .invalid(field: "offerDays", problem: "must be 1 to 60 days, got \(offerDays)") }
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

    public var description: String {
        switch self {
        case .invalid(let field, let problem): "policy \(field): \(problem)"
        case .unknownOffice(let code): "no office with code '\(code)'"
        }
    }
}
