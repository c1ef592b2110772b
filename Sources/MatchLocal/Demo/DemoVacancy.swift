import MatchStore

/// The demo's vacancies: township posts in 巴中 in the specialties townships lack most
/// (planning, projects, agriculture, law, finance, party building).
struct DemoVacancy: Sendable {
    struct Specialty: Sendable { let code: String; let fit: String }
    struct Incentive: Sendable { let kind: String; let amount: Int?; let note: String }
    struct HouseholdRule: Sendable { let kind: String; let region: String; let basis: String }

    let centre: String
    let externalID: String
    let title: String
    let region: String
    let seats: Int
    let target: Int?
    let staffing: String
    let minEducation: String
    let modes: [String]
    let serviceYears: Int
    let specialties: [Specialty]
    let incentives: [Incentive]
    var householdRules: [HouseholdRule] = []

    static let all: [DemoVacancy] = [
        DemoVacancy(centre: "TJ-CENTRE", externalID: "BZ-2026-001", title: "通江县乡镇规划建设员", region: "511921", seats: 2, target: 2,
                    staffing: "institution", minEducation: "bachelor", modes: ["full_transfer", "short_term"], serviceYears: 5,
                    specialties: [.init(code: "082802", fit: "same_class")],
                    incentives: [.init(kind: "hardship_allowance", amount: 800, note: "每月"), .init(kind: "housing", amount: nil, note: "周转房")]),
        DemoVacancy(centre: "BZ-CENTRE", externalID: "BZ-2026-002", title: "南江县农业技术推广员", region: "511922", seats: 3, target: 2,
                    staffing: "institution", minEducation: "associate", modes: ["full_transfer", "part_time", "project"], serviceYears: 3,
                    specialties: [.init(code: "090101", fit: "same_class")],
                    incentives: [.init(kind: "settling_in_payment", amount: 30000, note: "一次性安家费")]),
        DemoVacancy(centre: "BZ-CENTRE", externalID: "BZ-2026-003", title: "平昌县乡镇法律顾问", region: "511923", seats: 1, target: 1,
                    staffing: "contract", minEducation: "bachelor", modes: ["full_transfer", "remote", "part_time"], serviceYears: 0,
                    specialties: [.init(code: "030101K", fit: "same_code")],
                    incentives: [.init(kind: "promotion_priority", amount: nil, note: "同等条件优先晋升")]),
        DemoVacancy(centre: "BZ-CENTRE", externalID: "BZ-2026-004", title: "巴州区融资专员", region: "511902", seats: 2, target: 1,
                    staffing: "administrative", minEducation: "bachelor", modes: ["full_transfer"], serviceYears: 0,
                    specialties: [.init(code: "020301K", fit: "same_discipline")], incentives: []),
        DemoVacancy(centre: "BZ-CENTRE", externalID: "BZ-2026-005", title: "恩阳区项目管理专员", region: "511903", seats: 2, target: 1,
                    staffing: "institution", minEducation: "bachelor", modes: ["full_transfer", "project"], serviceYears: 0,
                    specialties: [.init(code: "120103", fit: "same_class")],
                    incentives: [.init(kind: "spouse_placement", amount: nil, note: "配偶随调安置")]),
        DemoVacancy(centre: "TJ-CENTRE", externalID: "BZ-2026-006", title: "通江县党建指导员", region: "511921", seats: 1, target: 1,
                    staffing: "administrative", minEducation: "bachelor", modes: ["full_transfer"], serviceYears: 5,
                    specialties: [.init(code: "030503", fit: "same_class")],
                    incentives: [.init(kind: "hardship_allowance", amount: 800, note: "每月"), .init(kind: "children_schooling", amount: nil, note: "子女就近入学")],
                    householdRules: [.init(kind: "registered_within", region: "511900",
                                           basis: "示例（演示数据）：定向招录公告第三条，本岗位限巴中市户籍 / Demo data: targeted-recruitment notice, art. 3")]),
        DemoVacancy(centre: "BZ-CENTRE", externalID: "BZ-2026-007", title: "南江县乡镇财务会计", region: "511922", seats: 2, target: 1,
                    staffing: "institution", minEducation: "associate", modes: ["full_transfer", "part_time"], serviceYears: 3,
                    specialties: [.init(code: "120204", fit: "same_class")],
                    incentives: [.init(kind: "hardship_allowance", amount: 600, note: "每月")]),
        DemoVacancy(centre: "BZ-CENTRE", externalID: "BZ-2026-008", title: "巴州区城市规划师", region: "511902", seats: 1, target: 1,
                    staffing: "institution", minEducation: "master", modes: ["full_transfer"], serviceYears: 0,
                    specialties: [.init(code: "082802", fit: "same_discipline")], incentives: []),
    ]
}

extension DemoVacancy {
    /// 广元's posts; one is only for people registered outside 广元 (an exchange programme).
    static let guangyuan: [DemoVacancy] = [
        DemoVacancy(centre: "GY-CENTRE", externalID: "GY-2026-001", title: "旺苍县乡镇规划建设员", region: "510821", seats: 1, target: 1,
                    staffing: "institution", minEducation: "bachelor", modes: ["full_transfer"], serviceYears: 3,
                    specialties: [.init(code: "082802", fit: "same_class")],
                    incentives: [.init(kind: "hardship_allowance", amount: 700, note: "每月")]),
        DemoVacancy(centre: "GY-CENTRE", externalID: "GY-2026-002", title: "苍溪县农业技术推广员", region: "510824", seats: 2, target: 1,
                    staffing: "institution", minEducation: "associate", modes: ["full_transfer", "part_time"], serviceYears: 3,
                    specialties: [.init(code: "090101", fit: "same_class")],
                    incentives: [.init(kind: "settling_in_payment", amount: 20000, note: "一次性安家费")]),
        DemoVacancy(centre: "GY-CENTRE", externalID: "GY-2026-003", title: "利州区东西部协作融资专员", region: "510802", seats: 1, target: 0,
                    staffing: "contract", minEducation: "bachelor", modes: ["full_transfer", "remote"], serviceYears: 2,
                    specialties: [.init(code: "020301K", fit: "same_discipline")], incentives: [],
                    householdRules: [.init(kind: "registered_outside", region: "510800",
                                           basis: "示例（演示数据）：东西部协作人才交流办法第四条，本岗位面向广元市以外人才 / Demo data: east–west exchange rules, art. 4: for people registered outside 广元")]),
    ]

    var seed: MarketSeed.Vacancy {
        MarketSeed.Vacancy(centreCode: centre, draft: VacancyDraft(
            externalID: externalID, title: title, regionCode: region, seats: seats, target: target, staffingType: staffing,
            minEducation: minEducation, acceptedModes: modes, serviceYears: serviceYears == 0 ? nil : serviceYears,
            specialties: specialties.map { .init(code: $0.code, acceptedFit: $0.fit) },
            incentives: incentives.map { .init(kind: $0.kind, amountYuan: $0.amount, note: $0.note) },
            householdRules: householdRules.map { .init(kind: $0.kind, regionCode: $0.region, legalBasis: $0.basis) }
        ))
    }
}
