/// The optional profile form of an instance document: a top-level `policy` and a `profile`
/// on every candidate and vacancy, from which eligibility and scores are derived
/// (docs/matching.md, "Profiles and policy").
struct ProfileSection {
    var policy: Policy?
    var candidates: [Int: CandidateProfile] = [:]
    var vacancies: [Int: VacancyProfile] = [:]
    private(set) var assessment: PairAssessment?

    var hasPolicy: Bool { policy != nil }

    mutating func readPolicy(_ reader: inout JSONReader) throws(InputError) {
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
            policy = try Policy(version: version, weights: weights, experienceCap: cap, nativePlaceReason: reason)
        } catch {
            throw reader.error(error.description)
        }
    }

    mutating func readCandidate(_ reader: inout JSONReader, at position: Int) throws(InputError) {
        candidates[position] = try ProfileFields.candidate(&reader)
    }

    mutating func readVacancy(_ reader: inout JSONReader, at position: Int) throws(InputError) {
        vacancies[position] = try ProfileFields.vacancy(&reader)
    }

    /// Derives the vacancies' priorities from the profiles.
    mutating func derivePriorities(
        candidateIDs: [String], vacancyIDs: [String], choices: IndexLists, couples: [Couple],
        capacities: [Int32], targets: [Int32], regions: [RegionCode?], explicit: [Bool], seed: UInt64
    ) throws(InputError) -> (priorities: IndexLists, scores: [Double]) {
        guard let policy else { return (IndexLists(), []) }
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
        let assessment = PairAssessment(candidates: candidateProfiles, vacancies: vacancyProfiles, policy: policy)
        self.assessment = assessment
        return assessment.priorities(choices: choices, couples: couples, lottery: Lottery(seed: seed, candidateCount: candidateIDs.count))
    }
}
