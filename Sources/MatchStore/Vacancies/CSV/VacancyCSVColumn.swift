/// The columns of the posts CSV: one canonical English name each (what export writes), the
/// Chinese headers accepted beside it, and the draft field it fills.
enum VacancyCSVColumn: String, CaseIterable, Sendable {
    case externalID = "external_id"
    case title
    case description
    case regionCode = "region_code"
    case seats
    case target
    case staffingType = "staffing_type"
    case minEducation = "min_education"
    case minTitle = "min_title"
    case minExperienceYears = "min_experience_years"
    case acceptedModes = "accepted_modes"
    case serviceYears = "service_years"
    case specialties
    case incentives
    case householdRules = "household_rules"
    case status

    var chineseNames: [String] {
        switch self {
        case .externalID: ["岗位编号", "岗位代码"]
        case .title: ["岗位名称"]
        case .description: ["岗位描述", "岗位说明"]
        case .regionCode: ["地区代码", "行政区划代码"]
        case .seats: ["岗位数", "招聘人数"]
        case .target: ["目标人数"]
        case .staffingType: ["编制类型", "用人性质"]
        case .minEducation: ["最低学历", "学历要求"]
        case .minTitle: ["最低职称", "职称要求"]
        case .minExperienceYears: ["最低工作年限", "工作年限"]
        case .acceptedModes: ["引进方式"]
        case .serviceYears: ["服务年限"]
        case .specialties: ["专业要求", "专业"]
        case .incentives: ["激励措施", "待遇"]
        case .householdRules: ["户籍限制"]
        case .status: ["状态"]
        }
    }

    /// Columns a file must have; the others fall back to the draft's defaults.
    var isRequired: Bool {
        switch self {
        case .externalID, .title, .regionCode, .seats, .staffingType, .acceptedModes: true
        default: false
        }
    }

    /// The JSON pointer of the draft field this column fills (validation speaks in pointers).
    var pointer: String {
        switch self {
        case .externalID: "/externalId"
        case .title: "/title"
        case .description: "/description"
        case .regionCode: "/region"
        case .seats: "/seats"
        case .target: "/target"
        case .staffingType: "/staffingType"
        case .minEducation: "/minEducation"
        case .minTitle: "/minTitle"
        case .minExperienceYears: "/minExperienceYears"
        case .acceptedModes: "/acceptedModes"
        case .serviceYears: "/serviceYears"
        case .specialties: "/requirements"
        case .incentives: "/incentives"
        case .householdRules: "/householdRules"
        case .status: "/status"
        }
    }

    /// The column a header names: the English name in any case, or a Chinese header.
    static func named(_ header: String) -> VacancyCSVColumn? {
        let key = header.trimmedOfSpaces
        if let column = VacancyCSVColumn(rawValue: key.lowercased()) { return column }
        return allCases.first { $0.chineseNames.contains(key) }
    }

    /// The column whose field a JSON pointer lies in: `/householdRules/0/legalBasis` → household_rules.
    static func holding(_ pointer: String) -> VacancyCSVColumn? {
        let field = pointer.split(separator: "/").first.map { "/" + $0 } ?? pointer
        return allCases.first { $0.pointer == field }
    }

    /// How a person should write the cell, for messages and the docs.
    var format: String {
        switch self {
        case .acceptedModes: "modes separated by ';' (\(IntroductionModeCode.codes.joined(separator: ", ")))"
        case .specialties: "codes separated by ';', each optionally code:fit (fit: \(SpecialtyFitCode.codes.joined(separator: ", ")))"
        case .incentives: "kind:amount:note separated by ';' (amount and note may be empty)"
        case .householdRules: "kind:region:legal basis separated by ';' (kind: registered_within or registered_outside)"
        default: rawValue
        }
    }
}
