import MatchStore

extension SyntheticMarketPlan {
    /// The plan as rows: the office, a centre per province with vacancies, and the people (or,
    /// with several offices, every office with one centre and its first policy). Names and
    /// external ids number the rows from 1 in plan order. With a share of couples, those too.
    func seed(_ settings: SyntheticSettings, keyCounties: Set<String> = [], prefectures: Set<String> = []) -> MarketSeed {
        var seed = settings.offices > 1 ? marketSeed(settings, keyCounties: keyCounties, prefectures: prefectures) : officeSeed(settings)
        seed.couples = couples(share: settings.couplesShare, choices: settings.choices)
        return seed
    }

    private func officeSeed(_ settings: SyntheticSettings) -> MarketSeed {
        let provinces = Set(vacancies.map { String($0.county.prefix(2)) }).sorted()
        let office = settings.officeCode
        return MarketSeed(
            offices: [.init(code: office, name: "合成数据办公室 (synthetic)", region: settings.officeRegion)],
            centres: provinces.map { .init(officeCode: office, code: "\(office)-\($0)", name: "合成人才交流中心 \($0)", region: $0 + "0000") },
            vacancies: vacancies.enumerated().map { index, vacancy in
                MarketSeed.Vacancy(centreCode: "\(office)-\(vacancy.county.prefix(2))", draft: VacancyDraft(
                    externalID: "SYN-\(index + 1)", title: "合成岗位 \(index + 1)", regionCode: vacancy.county, seats: vacancy.seats,
                    target: vacancy.seats, staffingType: "institution", minEducation: vacancy.minEducation, acceptedModes: vacancy.modes,
                    specialties: [.init(code: vacancy.specialty, acceptedFit: vacancy.acceptedFit)]
                ))
            },
            candidates: candidates.enumerated().map { index, candidate in
                CandidateProfileRecord(
                    fullName: "合成人才 \(index + 1)", contact: "syn\(index + 1)@example.invalid", education: candidate.education,
                    title: candidate.title, experienceYears: candidate.years, hukouRegion: candidate.hukou, hukouType: nil,
                    currentRegion: candidate.hukou, acceptedModes: candidate.modes, programmes: [], hardshipWilling: candidate.hardship,
                    specialties: [candidate.specialty], complete: true
                )
            },
            rankings: candidates.map(\.ranking)
        )
    }

    /// Several nested offices, each posting through one centre of its own (`SyntheticOffices`).
    private func marketSeed(_ settings: SyntheticSettings, keyCounties: Set<String>, prefectures: Set<String>) -> MarketSeed {
        let plan = SyntheticOffices(plan: self, settings: settings, keyCounties: keyCounties, prefectures: prefectures)
        let region = { (prefix: String) in prefix + String(repeating: "0", count: 6 - prefix.count) }
        return MarketSeed(
            offices: plan.offices.map { .init(code: $0.code, name: $0.name, region: region($0.prefix)) },
            centres: plan.offices.map { .init(officeCode: $0.code, code: "\($0.code)-C", name: "合成人才交流中心 \($0.prefix)", region: region($0.prefix)) },
            vacancies: vacancies.enumerated().map { index, vacancy in
                MarketSeed.Vacancy(centreCode: "\(plan.offices[plan.officeOfVacancy[index]].code)-C", draft: VacancyDraft(
                    externalID: "SYN-\(index + 1)", title: "合成岗位 \(index + 1)", regionCode: vacancy.county, seats: vacancy.seats,
                    target: SyntheticOffices.target(seats: vacancy.seats), staffingType: "institution", minEducation: vacancy.minEducation,
                    acceptedModes: vacancy.modes, specialties: [.init(code: vacancy.specialty, acceptedFit: vacancy.acceptedFit)]
                ))
            },
            candidates: officeSeed(settings).candidates,
            rankings: candidates.map(\.ranking),
            policies: Dictionary(uniqueKeysWithValues: plan.offices.map { ($0.code, $0.policy) })
        )
    }
}
