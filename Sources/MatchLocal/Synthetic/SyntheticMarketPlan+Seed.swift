import MatchStore

extension SyntheticMarketPlan {
    /// The plan as rows: the office, a centre per province with vacancies, and the people.
    /// Names and external ids number the rows from 1 in plan order.
    func seed(_ settings: SyntheticSettings) -> MarketSeed {
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
}
