/// The optional profile form of an instance document: a top-level `policy` (or, in a market,
/// `policies`, each vacancy's profile naming its own by `version`) and a `profile` on every
/// candidate and vacancy, from which eligibility and scores are derived (docs/matching.md,
/// "Profiles and policy").
struct ProfileSection {
    var policies: [Policy] = []
    /// Whether the policies came as the market form `policies` (else one `policy`).
    var isMarket = false
    var candidates: [Int: CandidateProfile] = [:]
    var vacancies: [Int: VacancyProfile] = [:]
    /// Per vacancy position, the `version` its profile names (market documents).
    var vacancyPolicies: [Int: String] = [:]
    private(set) var assessment: PairAssessment?

    var hasPolicy: Bool { !policies.isEmpty }

    mutating func readPolicy(_ reader: inout JSONReader) throws(InputError) {
        guard policies.isEmpty else { throw reader.error("give either 'policy' or 'policies', once") }
        policies = [try Self.policy(&reader)]
    }

    /// `policies`: a market's policies, one per office, each named by its `version`.
    mutating func readPolicies(_ reader: inout JSONReader) throws(InputError) {
        guard policies.isEmpty else { throw reader.error("give either 'policy' or 'policies', once") }
        var read: [Policy] = []
        try ProfileFields.array(&reader) { (reader: inout JSONReader) throws(InputError) in read.append(try Self.policy(&reader)) }
        guard !read.isEmpty else { throw reader.error("a market lists at least one policy") }
        policies = read
        isMarket = true
    }

    private static func policy(_ reader: inout JSONReader) throws(InputError) -> Policy {
        var version = ""
        var weights: [ScoringFeature: Double] = [:]
        var cap = 10
        var reason: String?
        try ProfileFields.object(&reader) { (reader: inout JSONReader, key: String) throws(InputError) in
            switch key {
            case "version": version = reader.string(try reader.readString())
            case "experienceCap": cap = Int(try reader.readInteger())
            case "nativePlaceReason": reason = reader.readNull() ? nil : reader.string(try reader.readString())
            case "weights":
                try ProfileFields.object(&reader) { (reader: inout JSONReader, name: String) throws(InputError) in
                    guard let feature = ScoringFeature(rawValue: name) else {
                        throw reader.error("unknown feature '\(name)' (known: \(ScoringFeature.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    weights[feature] = try reader.readNumber()
                }
            default: try reader.skipValue()
            }
        }
        do {
            return try Policy(version: version, weights: weights, experienceCap: cap, nativePlaceReason: reason)
        } catch {
            throw reader.error(error.description)
        }
    }

    mutating func readCandidate(_ reader: inout JSONReader, at position: Int) throws(InputError) {
        candidates[position] = try ProfileFields.candidate(&reader)
    }

    mutating func readVacancy(_ reader: inout JSONReader, at position: Int) throws(InputError) {
        var policy: String?
        vacancies[position] = try ProfileFields.vacancy(&reader, policy: &policy)
        if let policy { vacancyPolicies[position] = policy }
    }

    /// Derives the vacancies' priorities from the profiles.
    mutating func derivePriorities(
        candidateIDs: [String], vacancyIDs: [String], choices: IndexLists, couples: [Couple],
        capacities: [Int32], targets: [Int32], regions: [RegionCode?], explicit: [Bool], seed: UInt64
    ) throws(InputError) -> (priorities: IndexLists, scores: [Double]) {
        guard hasPolicy else { return (IndexLists(), []) }
        var candidateProfiles: [CandidateProfile] = []
        for (index, id) in candidateIDs.enumerated() {
            guard var profile = candidates[index] else {
                throw InputError("/candidates/\(index)", "missing 'profile' (the document has a 'policy')")
            }
            profile.id = id
            candidateProfiles.append(profile)
        }
        var vacancyProfiles: [VacancyProfile] = []
        for (index, id) in vacancyIDs.enumerated() {
            guard !explicit[index] else {
                throw InputError("/vacancies/\(index)/ranking", "with a 'policy', priorities come from profiles: remove 'ranking'/'scores'")
            }
            guard var profile = vacancies[index] else {
                throw InputError("/vacancies/\(index)", "missing 'profile' (the document has a 'policy')")
            }
            profile.id = id
            profile.region = regions[index]
            profile.seats = Int(capacities[index])
            profile.target = Int(targets[index])
            vacancyProfiles.append(profile)
        }
        let assessment = PairAssessment(candidates: candidateProfiles, vacancies: vacancyProfiles, policies: try vacancyPolicySet(vacancies: vacancyIDs.count))
        self.assessment = assessment
        return assessment.priorities(choices: choices, couples: couples, lottery: Lottery(seed: seed, candidateCount: candidateIDs.count))
    }

    /// One policy for all, or each vacancy's named market policy (every vacancy names one).
    private func vacancyPolicySet(vacancies count: Int) throws(InputError) -> VacancyPolicies {
        guard isMarket else {
            if let position = vacancyPolicies.keys.min() {
                throw InputError("/vacancies/\(position)/profile/policy", "name a policy only in a document with 'policies'")
            }
            return VacancyPolicies(policies[0])
        }
        var indexByVersion: [String: Int] = [:]
        for (index, policy) in policies.enumerated() { indexByVersion[policy.version] = indexByVersion[policy.version] ?? index }
        var indices: [Int] = []
        indices.reserveCapacity(count)
        for position in 0..<count {
            guard let name = vacancyPolicies[position] else {
                throw InputError("/vacancies/\(position)/profile/policy", "missing 'policy' (the document lists 'policies')")
            }
            guard let index = indexByVersion[name] else {
                throw InputError("/vacancies/\(position)/profile/policy", "no policy '\(name)' in 'policies'")
            }
            indices.append(index)
        }
        return try VacancyPolicies(policies: policies, vacancyPolicy: indices)
    }
}
