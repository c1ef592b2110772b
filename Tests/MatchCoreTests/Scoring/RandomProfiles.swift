@testable import MatchCore

/// Random profiles and policies drawn from a seed, spread over every branch of the rules:
/// all rungs of the specialty ladder, region codes of every length (nested and not), missing
/// registrations and regions, empty mode sets, zero and fractional weights.
struct RandomProfiles {
    var generator: Xoshiro256StarStar

    init(seed: Int) {
        generator = Xoshiro256StarStar(seed: UInt64(seed))
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(generator.uniform(below: UInt64(range.count)))
    }

    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }

    mutating func element<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    static let specialties = ["080901", "080902K", "080701", "081001", "090101", "090102T", "120103"].compactMap { SpecialtyCode($0) }
    static let regions = ["51", "5119", "511921", "511902", "5101", "510104", "52", "522701", "511921001", "511921001002", "110101"]
        .compactMap { RegionCode($0) }

    mutating func subset<T: Hashable>(_ items: [T], allowEmpty: Bool = false) -> Set<T> {
        var result = Set(items.filter { _ in chance(50) })
        if result.isEmpty, !allowEmpty { result.insert(element(items)) }
        return result
    }

    mutating func candidate(id: String) -> CandidateProfile {
        let registration: HouseholdRegistration? = chance(80) ? HouseholdRegistration(region: element(Self.regions)) : nil
        return CandidateProfile(
            id: id, specialties: (0..<int(0...3)).map { _ in element(Self.specialties) },
            education: element(EducationLevel.allCases), title: element(ProfessionalTitle.allCases),
            yearsOfExperience: chance(5) ? int(0...1_000_000) : int(0...20), householdRegistration: registration,
            currentRegion: chance(50) ? element(Self.regions) : nil,
            acceptedModes: subset(IntroductionMode.allCases, allowEmpty: chance(5)),
            programmes: subset(Programme.allCases, allowEmpty: true), acceptsHardshipAreas: chance(50)
        )
    }

    mutating func vacancy(id: String) throws -> VacancyProfile {
        let requirements = (0..<int(0...3)).map { _ in
            SpecialtyRequirement(code: element(Self.specialties), accepted: subset([.sameCode, .sameClass, .sameDiscipline]))
        }
        let rules = try (0..<(chance(25) ? int(1...2) : 0)).map { _ in
            try HouseholdRegistrationRule(region: element(Self.regions), legalBasis: "basis \(int(1...9))")
        }
        return VacancyProfile(
            id: id, region: chance(90) ? element(Self.regions) : nil, seats: int(0...3),
            requiredSpecialties: requirements,
            minimumEducation: chance(60) ? element(EducationLevel.allCases) : nil,
            minimumTitle: chance(40) ? element(ProfessionalTitle.allCases) : nil,
            minimumExperience: chance(30) ? int(0...8) : 0,
            acceptedModes: subset(IntroductionMode.allCases, allowEmpty: chance(5)),
            householdRules: rules, hardshipCategory: chance(30) ? int(1...6) : nil
        )
    }

    /// Weights mixing zeros, integers and awkward fractions; sometimes all zero.
    mutating func policy() throws -> Policy {
        var weights: [ScoringFeature: Double] = [:]
        let allZero = chance(5)
        for feature in ScoringFeature.allCases {
            let weight: Double = allZero || chance(20) ? 0 : chance(50) ? Double(int(1...50)) : Double(int(1...1_000_000)) / 997
            weights[feature] = weight
        }
        let reason = (weights[.nativePlace] ?? 0) > 0 ? "本籍回引" : nil
        return try Policy(version: "random", weights: weights, experienceCap: int(1...15), nativePlaceReason: reason)
    }

    /// A small market whose candidates rank distinct random vacancies, and two couples whose
    /// pairs may repeat a vacancy.
    mutating func market(candidates: Int, vacancies: Int) throws -> (candidates: [CandidateProfile], vacancies: [VacancyProfile], couples: [ProfileMatching.CoupleRequest]) {
        let vacancyProfiles = try (0..<vacancies).map { try vacancy(id: "v\($0)") }
        var candidateProfiles = (0..<candidates).map { candidate(id: "c\($0)") }
        let coupled = candidates >= 4 ? 2 : 0
        for index in coupled * 2..<candidates {
            var ranked = Array(0..<vacancies)
            for position in ranked.indices.reversed() where position > 0 { ranked.swapAt(position, int(0...position)) }
            candidateProfiles[index].ranking = ranked.prefix(int(0...min(8, vacancies))).map { "v\($0)" }
        }
        let couples = (0..<coupled).map { couple in
            ProfileMatching.CoupleRequest(
                first: "c\(2 * couple)", second: "c\(2 * couple + 1)",
                ranking: (0..<int(1...4)).map { _ in
                    chance(20) ? ["v\(int(0...vacancies - 1))", nil] : ["v\(int(0...vacancies - 1))", "v\(int(0...vacancies - 1))"]
                }
            )
        }
        return (candidateProfiles, vacancyProfiles, couples)
    }
}
