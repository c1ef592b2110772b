/// A household-registration limit on one vacancy: the candidate's registration must lie
/// inside `region`. Such limits are lawful only where an official document sets them, so
/// every rule carries the text of its legal basis, shown to candidates; a rule without one
/// cannot be constructed.
public struct HouseholdRegistrationRule: Sendable, Equatable, Hashable {
    public let region: RegionCode
    public let legalBasis: String

    public init(region: RegionCode, legalBasis: String) throws(PolicyError) {
        guard legalBasis.contains(where: { !$0.isWhitespace }) else {
            throw PolicyError.missingLegalBasis(region: region)
        }
        self.region = region
        self.legalBasis = legalBasis
    }
}
