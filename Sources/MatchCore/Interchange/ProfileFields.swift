/// Readers for the fields of candidate and vacancy profiles.
enum ProfileFields {
    /// Calls `field` for each key of an object, with the key on the reader's path.
    static func object(
        _ reader: inout JSONReader, field: (inout JSONReader, String) throws(InputError) -> Void
    ) throws(InputError) {
        try reader.beginObject()
        var first = true
        while let token = try reader.nextKey(first: first) {
            first = false
            let key = reader.string(token)
            reader.path.append(.key(key))
            try field(&reader, key)
            reader.path.removeLast()
        }
    }

    static func array(_ reader: inout JSONReader, element: (inout JSONReader) throws(InputError) -> Void) throws(InputError) {
        try reader.beginArray()
        var index = 0
        while try reader.nextElement(first: index == 0) {
            reader.path.append(.index(index))
            try element(&reader)
            reader.path.removeLast()
            index += 1
        }
    }

    static func enumeration<Value: RawRepresentable & CaseIterable>(
        _ reader: inout JSONReader, _ type: Value.Type
    ) throws(InputError) -> Value where Value.RawValue == String {
        let text = reader.string(try reader.readString())
        guard let value = Value(rawValue: text) else {
            throw reader.error("unknown value '\(text)' (expected one of \(Value.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return value
    }

    static func region(_ reader: inout JSONReader) throws(InputError) -> RegionCode {
        let text = reader.string(try reader.readString())
        guard let code = RegionCode(text) else { throw reader.error("malformed region code '\(text)'") }
        return code
    }

    static func specialty(_ reader: inout JSONReader) throws(InputError) -> SpecialtyCode {
        let text = reader.string(try reader.readString())
        guard let code = SpecialtyCode(text) else { throw reader.error("malformed specialty code '\(text)' (six digits, optional T/K)") }
        return code
    }

    static func modes(_ reader: inout JSONReader) throws(InputError) -> Set<IntroductionMode> {
        var modes: Set<IntroductionMode> = []
        try array(&reader) { (reader: inout JSONReader) throws(InputError) in modes.insert(try enumeration(&reader, IntroductionMode.self)) }
        return modes
    }

    static func candidate(_ reader: inout JSONReader) throws(InputError) -> CandidateProfile {
        var profile = CandidateProfile(id: "", specialties: [], education: .juniorMiddle)
        try object(&reader) { (reader: inout JSONReader, key: String) throws(InputError) in
            switch key {
            case "specialties":
                try array(&reader) { (reader: inout JSONReader) throws(InputError) in profile.specialties.append(try specialty(&reader)) }
            case "education": profile.education = try enumeration(&reader, EducationLevel.self)
            case "title": profile.title = try enumeration(&reader, ProfessionalTitle.self)
            case "experience":
                let years = try reader.readInteger()
                guard years >= 0, years < 100 else { throw reader.error("years of experience must lie in 0…99") }
                profile.yearsOfExperience = Int(years)
            case "householdRegistration": profile.householdRegistration = try registration(&reader)
            case "currentRegion": profile.currentRegion = try region(&reader)
            case "modes": profile.acceptedModes = try modes(&reader)
            case "programmes":
                try array(&reader) { (reader: inout JSONReader) throws(InputError) in profile.programmes.insert(try enumeration(&reader, Programme.self)) }
            case "acceptsHardshipAreas": profile.acceptsHardshipAreas = try reader.readBool()
            default: try reader.skipValue()
            }
        }
        return profile
    }

    private static func registration(_ reader: inout JSONReader) throws(InputError) -> HouseholdRegistration {
        var code: RegionCode?
        var kind: HouseholdRegistration.Kind?
        try object(&reader) { (reader: inout JSONReader, key: String) throws(InputError) in
            switch key {
            case "region": code = try region(&reader)
            case "kind": kind = try enumeration(&reader, HouseholdRegistration.Kind.self)
            default: try reader.skipValue()
            }
        }
        guard let code else { throw reader.error("missing 'region'") }
        return HouseholdRegistration(region: code, kind: kind)
    }
}
