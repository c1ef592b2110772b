extension ProfileFields {
    /// - Parameter policy: set to the profile's `policy` (the version of the market policy that
    ///   orders the vacancy, `talentmatch.instance/2`), when it names one.
    static func vacancy(_ reader: inout JSONReader, policy: inout String?) throws(InputError) -> VacancyProfile {
        var profile = VacancyProfile(id: "", region: nil, seats: 0)
        var named: String?
        try object(&reader) { (reader: inout JSONReader, key: String) throws(InputError) in
            switch key {
            case "policy": named = reader.string(try reader.readString())
            case "specialties":
                try array(&reader) { (reader: inout JSONReader) throws(InputError) in profile.requiredSpecialties.append(try requirement(&reader)) }
            case "minimumEducation": profile.minimumEducation = try enumeration(&reader, EducationLevel.self)
            case "minimumTitle": profile.minimumTitle = try enumeration(&reader, ProfessionalTitle.self)
            case "minimumExperience":
                let years = try reader.readInteger()
                guard years >= 0, years < 100 else { throw reader.error("minimum experience must lie in 0…99") }
                profile.minimumExperience = Int(years)
            case "modes": profile.acceptedModes = try modes(&reader)
            case "incentives":
                try array(&reader) { (reader: inout JSONReader) throws(InputError) in profile.incentives.append(try incentive(&reader)) }
            case "householdRules":
                try array(&reader) { (reader: inout JSONReader) throws(InputError) in profile.householdRules.append(try rule(&reader)) }
            case "hardshipCategory":
                if !reader.readNull() {
                    let category = try reader.readInteger()
                    guard (1...6).contains(category) else { throw reader.error("hardship categories run from 1 to 6") }
                    profile.hardshipCategory = Int(category)
                }
            default: try reader.skipValue()
            }
        }
        policy = named
        return profile
    }

    private static func requirement(_ reader: inout JSONReader) throws(InputError) -> SpecialtyRequirement {
        var code: SpecialtyCode?
        var accepted: Set<SpecialtyFit> = [.sameCode]
        try object(&reader) { (reader: inout JSONReader, key: String) throws(InputError) in
            switch key {
            case "code": code = try specialty(&reader)
            case "accept":
                accepted = []
                try array(&reader) { (reader: inout JSONReader) throws(InputError) in
                    let text = reader.string(try reader.readString())
                    guard let fit = SpecialtyFit(code: text) else {
                        throw reader.error("unknown fit '\(text)' (same-code, same-class or same-discipline)")
                    }
                    accepted.insert(fit)
                }
                guard !accepted.isEmpty else { throw reader.error("accept at least one level of fit") }
            default: try reader.skipValue()
            }
        }
        guard let code else { throw reader.error("missing 'code'") }
        return SpecialtyRequirement(code: code, accepted: accepted)
    }

    private static func incentive(_ reader: inout JSONReader) throws(InputError) -> Incentive {
        var result = Incentive(kind: .other)
        try object(&reader) { (reader: inout JSONReader, key: String) throws(InputError) in
            switch key {
            case "kind": result.kind = try enumeration(&reader, Incentive.Kind.self)
            case "detail": result.detail = reader.string(try reader.readString())
            default: try reader.skipValue()
            }
        }
        return result
    }

    /// A household-registration rule (`kind` `within`, the default, or `outside`); one
    /// without a legal basis is rejected.
    private static func rule(_ reader: inout JSONReader) throws(InputError) -> HouseholdRegistrationRule {
        var code: RegionCode?
        var basis = ""
        var kind = HouseholdRegistrationRule.Kind.within
        try object(&reader) { (reader: inout JSONReader, key: String) throws(InputError) in
            switch key {
            case "region": code = try region(&reader)
            case "kind": kind = try enumeration(&reader, HouseholdRegistrationRule.Kind.self)
            case "legalBasis": basis = reader.readNull() ? "" : reader.string(try reader.readString())
            default: try reader.skipValue()
            }
        }
        guard let code else { throw reader.error("missing 'region'") }
        do {
            return try HouseholdRegistrationRule(region: code, legalBasis: basis, kind: kind)
        } catch {
            throw InputError(reader.path.pointer + "/legalBasis", error.description)
        }
    }
}
