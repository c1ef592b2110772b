/// Which policy orders each vacancy's applicants: one policy for every vacancy of an office's
/// instance, or, in a market of several offices, each vacancy its own office's policy (its
/// weights, experience cap and native-place weight), so every post is scored as its office
/// decided.
public struct VacancyPolicies: Sendable, Equatable {
    public let policies: [Policy]
    /// Per vacancy, its policy's index in `policies`; empty when there is only one policy.
    public let vacancyPolicy: [UInt16]

    /// The most policies one instance may hold (each vacancy names its own in 16 bits).
    public static let maximumCount = Int(UInt16.max) + 1

    /// One policy for every vacancy.
    public init(_ policy: Policy) {
        policies = [policy]
        vacancyPolicy = []
    }

    /// - Parameters:
    ///   - policies: distinct by `version`, so explanations name each one unambiguously.
    ///   - vacancyPolicy: per vacancy, an index into `policies`.
    /// - Throws: `InputError` at `/vacancies/i/profile/policy` for an index out of range, at
    ///   `/policies/i/version` for a repeated version.
    public init(policies: [Policy], vacancyPolicy: [Int]) throws(InputError) {
        guard !policies.isEmpty else { throw InputError("/policies", "a market needs at least one policy") }
        guard policies.count <= Self.maximumCount else {
            throw InputError("/policies", "at most \(Self.maximumCount) policies (got \(policies.count))")
        }
        var versions = Set<String>()
        for (index, policy) in policies.enumerated() where !versions.insert(policy.version).inserted {
            throw InputError("/policies/\(index)/version", "policy '\(policy.version)' is listed twice")
        }
        var packed: [UInt16] = []
        packed.reserveCapacity(vacancyPolicy.count)
        for (vacancy, index) in vacancyPolicy.enumerated() {
            guard policies.indices.contains(index) else {
                throw InputError("/vacancies/\(vacancy)/profile/policy", "no policy at position \(index) (there are \(policies.count))")
            }
            packed.append(UInt16(index))
        }
        self.policies = policies
        self.vacancyPolicy = policies.count == 1 ? [] : packed
    }

    /// More than one policy: explanations then name the policy at every post.
    public var isMarket: Bool { policies.count > 1 }

    /// The index of the policy that orders `vacancy`'s applicants.
    @inline(__always)
    func policyIndex(ofVacancy vacancy: Int) -> UInt16 {
        vacancyPolicy.isEmpty ? 0 : vacancyPolicy[vacancy]
    }

    /// The policy that orders `vacancy`'s applicants.
    public func policy(ofVacancy vacancy: Int) -> Policy {
        policies[Int(policyIndex(ofVacancy: vacancy))]
    }

    /// One index per vacancy of `count`, or the policy count when there are several.
    func fits(vacancyCount count: Int) -> Bool {
        vacancyPolicy.isEmpty || vacancyPolicy.count == count
    }
}
