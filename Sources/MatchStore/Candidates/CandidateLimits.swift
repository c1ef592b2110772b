/// What a candidate's profile may hold.
public enum CandidateLimits {
    /// Specialties on one profile: the first counts most in the specialty fit.
    public static let maxSpecialties = 5
}
