import Foundation
import MatchCore

/// One stored policy version as people read it: every setting, every reason, who made it and when.
public struct PolicyRecord: Sendable, Equatable {
    public let version: Int
    public let weights: [ScoringFeature: Double]
    public let experienceCap: Int
    public let nativePlaceReason: String?
    public let offerDays: Int
    public let note: String
    /// Caps and floors, by region code.
    public let regions: [PolicyDraft.RegionSetting]
    public let createdBy: String
    public let createdAt: Date

    public init(
        version: Int, weights: [ScoringFeature: Double], experienceCap: Int, nativePlaceReason: String?, offerDays: Int,
        note: String, regions: [PolicyDraft.RegionSetting], createdBy: String, createdAt: Date
    ) {
        self.version = version
        self.weights = weights
        self.experienceCap = experienceCap
        self.nativePlaceReason = nativePlaceReason
        self.offerDays = offerDays
        self.note = note
        self.regions = regions
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// This version as a draft, the starting point for the next one.
    public var draft: PolicyDraft {
        PolicyDraft(weights: weights, experienceCap: experienceCap, nativePlaceReason: nativePlaceReason, regions: regions,
                    offerDays: offerDays, note: note)
    }
}
