extension PairTable {
    static let educationLevels = EducationLevel.allCases
    static let titles = ProfessionalTitle.allCases
    static let modes = IntroductionMode.allCases

    /// `rank` without `allCases` being rebuilt per profile.
    static func rank<T: Equatable>(_ value: T, in levels: [T]) -> UInt8 {
        UInt8(levels.firstIndex(of: value) ?? 0)
    }

    static func modeMask(_ modes: Set<IntroductionMode>) -> UInt8 {
        var mask: UInt8 = 0
        for mode in modes { mask |= 1 << UInt8(Self.modes.firstIndex(of: mode) ?? 0) }
        return mask
    }

    static func traits(_ candidate: CandidateProfile, points: PointTables, specialties: inout [Int32]) -> CandidateTraits {
        let start = Int32(specialties.count)
        for specialty in candidate.specialties { specialties.append(SpecialtyKey.number(specialty)) }
        let registration = candidate.householdRegistration.map { RegionPrefix($0.region) }
        return CandidateTraits(
            specialtyStart: start, specialtyEnd: Int32(specialties.count),
            education: rank(candidate.education, in: educationLevels), title: rank(candidate.title, in: titles),
            modes: modeMask(candidate.acceptedModes), programme: candidate.programmes.isEmpty ? 0 : 1,
            acceptsHardship: candidate.acceptsHardshipAreas ? 1 : 0, hasRegistration: registration != nil,
            yearsOfExperience: candidate.yearsOfExperience,
            registration: registration ?? RegionPrefix.nowhere, registrationCounty: registration?.padded6 ?? -1,
            experiencePoints: points.experience(policy: 0, years: candidate.yearsOfExperience)
        )
    }

    /// The vacancy's packed traits; longer rules go to the side arrays.
    static func traits(
        _ vacancy: VacancyProfile, policy: UInt16, requirements: inout [SpecialtyKey], rules: inout [RuleTraits], extras: inout [VacancyExtras]
    ) -> VacancyTraits {
        let keys = vacancy.requiredSpecialties.map(SpecialtyKey.init)
        var extra: Int32 = -1
        if keys.count > 2 || !vacancy.householdRules.isEmpty {
            let requirementStart = Int32(requirements.count)
            requirements.append(contentsOf: keys.dropFirst(2))
            let ruleStart = Int32(rules.count)
            for rule in vacancy.householdRules { rules.append(RuleTraits(region: RegionPrefix(rule.region), within: rule.kind == .within)) }
            extra = Int32(extras.count)
            extras.append(VacancyExtras(
                requirementStart: requirementStart, requirementEnd: Int32(requirements.count), ruleStart: ruleStart, ruleEnd: Int32(rules.count)
            ))
        }
        return VacancyTraits(
            minimumExperience: vacancy.minimumExperience, county: vacancy.region.map { RegionPrefix($0).padded6 } ?? -1,
            firstCode: keys.first?.code ?? 0, secondCode: keys.count > 1 ? keys[1].code : 0, extra: extra, policy: policy,
            accepted: (keys.first?.accepted ?? 0) | (keys.count > 1 ? keys[1].accepted : 0) << 4,
            inlineRequirements: UInt8(min(keys.count, 2)),
            minimumEducation: vacancy.minimumEducation.map { rank($0, in: educationLevels) } ?? 0,
            minimumTitle: vacancy.minimumTitle.map { rank($0, in: titles) } ?? 0,
            modes: modeMask(vacancy.acceptedModes), hardship: vacancy.hardshipCategory != nil ? 1 : 0
        )
    }
}
