/// A household-registration limit on one vacancy: the candidate's registration must lie
/// inside `region` (`within`), or outside it (`outside`, e.g. a post reserved for people from
/// elsewhere under an exchange programme). Such limits are lawful only where an official
/// document sets them, so every rule carries the text of its legal basis, shown to
/// candidates; a rule without one cannot be constructed.
///
/// A candidate without a recorded registration (no consent for sensitive data) meets
/// neither kind: where the law sets a limit, it must be shown to be met.
public struct HouseholdRegistrationRule: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, Equatable, Hashable, CaseIterable {
        case within, outside
    }

    public let region: RegionCode
    public let legalBasis: String
    public let kind: Kind

    public init(region: RegionCode, legalBasis: String, kind: Kind = .within) throws(PolicyError) {
        guard legalBasis.contains(where: { !$0.isWhitespace }) else {
            throw PolicyError.missingLegalBasis(region: region)
        }
        self.region = region
        self.legalBasis = legalBasis
        self.kind = kind
    }

    /// Whether a registration meets the rule; nil (not recorded) never does.
    public func admits(_ registration: RegionCode?) -> Bool {
        guard let registration else { return false }
        return region.contains(registration) == (kind == .within)
    }
}
