/// Which algorithm produced a matching; recorded in every result.
public enum Mechanism: String, Sendable, Equatable, Codable {
    /// Candidate-proposing deferred acceptance (Gale & Shapley 1962), no regional caps.
    case deferredAcceptance = "deferred-acceptance"
    /// Kamada & Kojima's flexible deferred acceptance, generalised to nested caps and floors.
    case flexibleDeferredAcceptance = "flexible-deferred-acceptance"
}
